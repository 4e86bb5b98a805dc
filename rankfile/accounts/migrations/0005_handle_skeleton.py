from django.db import migrations, models

# As rankfile.accounts.models.handle_skeleton was when this migration was written.
_LOOKALIKE_LETTERS = str.maketrans({"0": "o", "1": "l", "i": "l", "-": ".", "_": "."})
_LOOKALIKE_PAIRS = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def handle_skeleton(handle):
    skeleton = handle.strip().lower()
    for pair, single in _LOOKALIKE_PAIRS:
        skeleton = skeleton.replace(pair, single)
    return skeleton.translate(_LOOKALIKE_LETTERS)


def skeletons_fill(apps, schema_editor):
    """The earliest account keeps a look-alike skeleton; a later look-alike keeps its handle
    with no skeleton (nobody new can take one like it)."""
    Person = apps.get_model("accounts", "Person")
    taken = set()
    for person in Person.objects.order_by("pk").only("pk", "handle"):
        skeleton = handle_skeleton(person.handle)
        if skeleton in taken:
            continue
        taken.add(skeleton)
        Person.objects.filter(pk=person.pk).update(handle_skeleton=skeleton)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_login_throttle"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="handle_skeleton",
            field=models.CharField(editable=False, max_length=32, null=True, unique=True),
        ),
        migrations.RunPython(skeletons_fill, migrations.RunPython.noop),
    ]
