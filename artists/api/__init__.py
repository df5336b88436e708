"""REST API of the studio (/api/v1/studio/) and of special orders (/api/v1/special-orders/)."""
