"""Special orders move from the artists app to commissions: the models only change owner.

State only: the tables keep their names (`artists_specialorder`, `artists_specialorderevent`,
`artists_specialorderreference`) and their rows; artists.0005 drops the models from the
artists app's state. Existing content types (and with them permissions and admin history)
are relabelled rather than left stale.
"""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("specialorder", "specialorderevent", "specialorderreference")


def content_types_relabel(apps, schema_editor, *, source="artists", target="commissions"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if not ContentType.objects.using(db).filter(app_label=target, model=model).exists():
            ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=target)


def content_types_relabel_back(apps, schema_editor):
    content_types_relabel(apps, schema_editor, source="commissions", target="artists")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('artists', '0004_artist_applications'),
        ('catalogue', '0033_vibe_product_artist_product_edition_size_and_more'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SpecialOrder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=120, verbose_name='In a few words')),
                        ('description', models.TextField(verbose_name='What you would like')),
                        ('medium', models.CharField(blank=True, max_length=20)),
                        ('width_cm', models.DecimalField(blank=True, decimal_places=1, max_digits=6, null=True)),
                        ('height_cm', models.DecimalField(blank=True, decimal_places=1, max_digits=6, null=True)),
                        ('budget', models.DecimalField(decimal_places=2, max_digits=12)),
                        ('currency', models.CharField(max_length=12)),
                        ('wished_date', models.DateField(blank=True, null=True)),
                        ('status', models.CharField(choices=[('requested', 'Requested'), ('quoted', 'Quoted'), ('declined', 'Declined'), ('accepted', 'Accepted, awaiting payment'), ('paid', 'Paid'), ('in_progress', 'In progress'), ('delivered', 'Delivered'), ('completed', 'Completed'), ('cancelled', 'Cancelled')], db_index=True, default='requested', max_length=12)),
                        ('quote_price', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True)),
                        ('quote_date', models.DateField(blank=True, null=True, verbose_name='Ready by')),
                        ('quote_note', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('artist', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='special_orders', to='artists.artist')),
                        ('artwork', models.OneToOneField(blank=True, help_text='The one-off artwork made when the buyer accepted the quote', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='special_order', to='catalogue.product')),
                        ('buyer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='special_orders', to=settings.AUTH_USER_MODEL)),
                        ('inspired_by', models.ForeignKey(blank=True, help_text='The artwork the buyer wants something like', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='catalogue.product')),
                        ('vibe', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='catalogue.vibe')),
                    ],
                    options={
                        'db_table': 'artists_specialorder',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='SpecialOrderEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(max_length=12)),
                        ('from_status', models.CharField(blank=True, max_length=12)),
                        ('to_status', models.CharField(choices=[('requested', 'Requested'), ('quoted', 'Quoted'), ('declined', 'Declined'), ('accepted', 'Accepted, awaiting payment'), ('paid', 'Paid'), ('in_progress', 'In progress'), ('delivered', 'Delivered'), ('completed', 'Completed'), ('cancelled', 'Cancelled')], max_length=12)),
                        ('note', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('actor', models.ForeignKey(blank=True, help_text='Empty for steps the shop took (a payment)', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('special_order', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='commissions.specialorder')),
                    ],
                    options={
                        'db_table': 'artists_specialorderevent',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='SpecialOrderReference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('image', models.ImageField(max_length=255, upload_to='special-orders/%Y/%m/')),
                        ('thumbnail', models.ImageField(max_length=255, upload_to='special-orders/thumbs/%Y/%m/')),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('special_order', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='references', to='commissions.specialorder')),
                    ],
                    options={
                        'db_table': 'artists_specialorderreference',
                        'ordering': ['position', 'pk'],
                    },
                ),
                migrations.AddIndex(
                    model_name='specialorder',
                    index=models.Index(fields=['artist', '-created_at'], name='specialorder_artist_newest'),
                ),
                migrations.AddIndex(
                    model_name='specialorder',
                    index=models.Index(fields=['buyer', '-created_at'], name='specialorder_buyer_newest'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_relabel, content_types_relabel_back, elidable=True),
    ]
