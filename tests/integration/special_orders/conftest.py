"""Special-order fixtures: a buyer's request to the shared artist, and its steps up to a state."""
import pytest

from tests.factories.studio import make_special_order, special_order_walk


@pytest.fixture
def special_order(buyer, artist):
    return make_special_order(buyer, artist)


@pytest.fixture
def special_order_in(special_order):
    """special_order_in("paid") → the special order walked to that state."""
    return lambda state: special_order_walk(special_order, state)
