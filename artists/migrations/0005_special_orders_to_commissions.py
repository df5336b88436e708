"""Special orders now belong to the commissions app (commissions.0001 takes them over, tables and rows kept).

State only: the artists app forgets the models; no table is dropped.
"""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('artists', '0004_artist_applications'),
        ('commissions', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='SpecialOrderReference'),
                migrations.DeleteModel(name='SpecialOrderEvent'),
                migrations.DeleteModel(name='SpecialOrder'),
            ],
            database_operations=[],
        ),
    ]
