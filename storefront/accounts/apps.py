"""App config of the accounts app, Artiqo's fork of Oscar's `customer` app.

The package is named for the concept (accounts) while the label stays Oscar's
`customer`: Oscar finds forked classes by label (`get_class("customer.views", ...)`
looks up the app labelled `customer` and imports `<its package>.views` first), its URL
namespace stays `customer:`, and the migration history recorded under `customer` carries
on with the copied migrations.
"""
import oscar.apps.customer.apps as apps


class CustomerConfig(apps.CustomerConfig):
    name = 'storefront.accounts'
