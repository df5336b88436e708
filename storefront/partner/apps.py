"""The partner app's configuration: Oscar's, pointed at the fork in storefront/partner/."""
import oscar.apps.partner.apps as apps


class PartnerConfig(apps.PartnerConfig):
    name = 'storefront.partner'
