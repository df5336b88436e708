"""Who may do what to a model in the CMS, for models that only Artiqo's own code creates.

Wagtail's model views ask a permission policy for "add", "change", "delete" and "view". The
outbox, the ledger, artists' applications and reviews are written by the shop's code; in the CMS
an admin may only look at them, or look and decide (approve, moderate). This policy lets through
the actions named, and for those still asks the model's own permission.
"""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class LimitedActionsPolicy(ModelPermissionPolicy):
    def __init__(self, model, *, actions: set[str]):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) & self.actions)


def cms_actions_limit(*models, actions: set[str]) -> None:
    """Admins may only take `actions` on these models in the CMS (register before any view asks)."""
    for model in models:
        register_permission_policy(model, LimitedActionsPolicy(model, actions=actions))
