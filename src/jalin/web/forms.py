"""Web forms: they collect and type the input; the services validate and write it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from jalin.domain import vocabulary as vocab
from jalin.domain.errors import InvalidInput
from jalin.web import labels

SERVICE_FIELD_TO_FORM_FIELD = {
    "name": "name",
    "phone": "phones",
    "email": "emails",
    "birthday": "birthday",
    "cadence": "cadence_days",
    "closeness": "closeness",
    "circles": "circles",
    "title": "title",
    "when": "when",
    "channel": "channel",
    "kind": "kind",
    "initiator": "initiator",
    "people": "people",
    "cadence_days": "cadence_days",
}


def translated(error: InvalidInput) -> str:
    """Return a domain or service error in the reader's language."""
    template = gettext(error.template)
    return template % error.params if error.params else template


def add_service_error(form: forms.Form, error: InvalidInput) -> None:
    """Show a service's :class:`InvalidInput` beside the field it concerns, translated."""
    field = SERVICE_FIELD_TO_FORM_FIELD.get(error.field or "")
    form.add_error(field if field in form.fields else None, translated(error))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    nickname = forms.CharField(label=_("Nickname"), max_length=100, required=False)
    circles = forms.MultipleChoiceField(
        label=_("Circles"), required=False, widget=forms.CheckboxSelectMultiple
    )
    phones = forms.CharField(
        label=_("Phone numbers"),
        required=False,
        help_text=_("One per line, e.g. 0812-3456-7890 or +44 20 7946 0958."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    emails = forms.CharField(
        label=_("Email addresses"),
        required=False,
        help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    birthday = forms.CharField(
        label=_("Birthday"),
        required=False,
        help_text=_("YYYY-MM-DD, or --MM-DD when you don't know the year."),
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    closeness = forms.IntegerField(
        label=_("How close do you feel? (1–10)"), min_value=1, max_value=10, required=False
    )
    cadence_days = forms.IntegerField(
        label=_("Keep in touch every … days"),
        min_value=1,
        max_value=3650,
        required=False,
        help_text=_("Leave empty to follow their closeness or circle."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, circles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["circles"].choices = [(c.slug, labels.circle_label(c)) for c in circles]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "nickname": data["nickname"],
            "circles": data["circles"],
            "phones": _lines(data["phones"]),
            "emails": _lines(data["emails"]),
            "organisation": data["organisation"],
            "title": data["title"],
            "birthday": data["birthday"] or None,
            "city": data["city"],
            "closeness": data["closeness"],
            "cadence_days": data["cadence_days"],
            "notes": data["notes"],
        }


class LogForm(forms.Form):
    renders_alike = True  # blank, it renders the same in a language: kept (web.templatetags)

    channel = forms.ChoiceField(
        label=_("How"), choices=list(labels.CHANNEL_LABELS.items()), initial="message"
    )
    kind = forms.ChoiceField(
        label=_("What for"), choices=list(labels.KIND_LABELS.items()), initial="touch"
    )
    initiator = forms.ChoiceField(
        label=_("Who started it"),
        choices=[(code, labels.INITIATOR_LABELS[code]) for code in vocab.INITIATORS],
        initial="me",
    )
    when = forms.CharField(
        label=_("When"),
        required=False,
        help_text=_("Empty for now; or a date such as 2026-11-20."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("What was it about?")}),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=[("en", "English"), ("id", "Bahasa Indonesia")])


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        clean_one = super().clean
        if isinstance(data, list | tuple) and data:
            return [clean_one(item, initial) for item in data]
        return [clean_one(data or None, initial)]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "Phone contacts (.vcf), Google or Outlook CSV, LinkedIn, WhatsApp (.txt or"
            " .zip), Telegram (result.json), calendar (.ics), mail (.mbox)."
        ),
    )
    me = forms.CharField(
        label=_("Your name in chats"),
        required=False,
        help_text=_("As it appears in WhatsApp or Telegram exports; remembered for next time."),
    )
    me_email = forms.CharField(
        label=_("Your email addresses"),
        required=False,
        help_text=_("For mail and calendars; separate several with commas."),
    )
    date_order = forms.ChoiceField(
        label=_("Date order in chats"),
        required=False,
        choices=[("", _("detect")), ("dmy", _("day/month/year")), ("mdy", _("month/day/year"))],
    )
    keep_text = forms.BooleanField(label=_("Keep message text"), required=False)
    dry_run = forms.BooleanField(label=_("Only check, store nothing"), required=False)

    def job_options(self) -> dict:
        data = self.cleaned_data
        return {
            "me": _lines(data["me"]),
            "me_email": _lines(data["me_email"]),
            "date_order": data["date_order"],
            "keep_text": data["keep_text"],
            "dry_run": data["dry_run"],
        }


class NeedForm(forms.Form):
    title = forms.CharField(
        label=_("What is needed"),
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": _("A job for my nephew Rizky")}),
    )
    beneficiary = forms.CharField(
        label=_("For"),
        max_length=200,
        required=False,
        help_text=_("Someone in your network, by name; empty for yourself."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=list(labels.NEED_KIND_LABELS.items()), initial="job"
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    field = forms.CharField(
        label=_("Field or role"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("data analyst")}),
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)


class NeedCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (code, labels.NEED_STATUS_LABELS[code]) for code in ("success", "no", "withdrawn")
        ],
    )


class FavourForm(forms.Form):
    renders_alike = True  # blank, it renders the same in a language: kept (web.templatetags)

    direction = forms.ChoiceField(
        label=_("Who did it"), choices=list(labels.FAVOUR_DIRECTION_LABELS.items())
    )
    description = forms.CharField(label=_("What"), max_length=300)
    status = forms.ChoiceField(
        label=_("Status"), choices=list(labels.FAVOUR_STATUS_LABELS.items()), initial="done"
    )


SNOOZE_CHOICES = {"1": _("until tomorrow"), "3": _("for three days"), "7": _("for a week"),
                  "30": _("for a month")}  # fmt: skip


class SnoozeForm(forms.Form):
    renders_alike = True  # blank, it renders the same in a language: kept (web.templatetags)

    days = forms.TypedChoiceField(
        label=_("Snooze"), choices=list(SNOOZE_CHOICES.items()), coerce=int, initial="7"
    )


class SettingsForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=[])
    time_zone = forms.CharField(
        label=_("Time zone"), required=False, max_length=64,
        help_text=_("Where your day begins and ends, e.g. Asia/Jakarta. Empty: the server's."),
    )  # fmt: skip
    weekly_budget = forms.IntegerField(
        label=_("People to reach each week"), min_value=0, max_value=100,
        help_text=_("The weekly plan picks this many."),
    )  # fmt: skip
    digest = forms.ChoiceField(
        label=_("Email digest"),
        choices=[
            ("off", _("none")),
            ("daily", pgettext_lazy("digest", "every day")),
            ("weekly", _("every Monday")),
        ],
    )
    digest_hour = forms.IntegerField(label=_("At (hour)"), min_value=0, max_value=23)
    email = forms.EmailField(label=_("Your email address"), required=False)

    LAYERS = (1, 2, 3, 4, 5)

    def __init__(self, *args, languages=(), default_cadences=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = list(languages)
        for layer in self.LAYERS:
            default = (default_cadences or {}).get(layer)
            self.fields[f"layer_{layer}"] = forms.IntegerField(
                label=labels.LAYER_LABELS[layer], required=False, min_value=1, max_value=3650,
                help_text=(_("default: every %(days)s days") % {"days": default}
                           if default else _("default: never due")),
            )  # fmt: skip

    def layer_cadences(self) -> dict[int, int | None]:
        """Return the cadences typed per layer (``None``: the default)."""
        return {layer: self.cleaned_data.get(f"layer_{layer}") for layer in self.LAYERS}


SORT_LABELS = {
    "name": _("name"),
    "strength": _("strongest first"),
    "recent": _("latest contact first"),
    "quiet": _("longest silence first"),
    "due": _("most urgent first"),
}


class PeopleFilterForm(forms.Form):
    """The people page's search, filters and order (a GET form; bad values are ignored)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    circle = forms.ChoiceField(label=_("Circle"), required=False, choices=[])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[])
    layer = forms.TypedChoiceField(label=_("Layer"), required=False, choices=[], coerce=int,
                                   empty_value=None)  # fmt: skip
    strength = forms.TypedChoiceField(label=_("Strength"), required=False, choices=[],
                                      coerce=int, empty_value=None)  # fmt: skip
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=list(SORT_LABELS.items()))

    def __init__(self, *args, circles=(), statuses=(), bands=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["circle"].choices = [("", _("All circles"))] + [
            (c.slug, labels.circle_label(c)) for c in circles
        ]
        status_names = {**labels.STATUS_LABELS, "at_risk": _("close ties at risk")}
        self.fields["status"].choices = [("", _("Any status"))] + [
            (s, status_names[s]) for s in statuses
        ]
        self.fields["layer"].choices = [("", _("Any layer")), *list(labels.LAYER_LABELS.items())]
        self.fields["strength"].choices = [("", _("Any strength"))] + [
            (b, f"{b}–{100 if b == bands[-1] else b + 19}") for b in bands
        ]

    def renders_alike(self) -> tuple:
        """Return the choices the selects are written from (the owner's circles, the
        statuses and bands offered): a select is kept per these and the value it shows."""
        return tuple(
            (value, str(label))
            for name in ("circle", "status", "strength")
            for value, label in self.fields[name].choices
        )

    def wanted(self) -> dict:
        """Return the valid filters (a bad value in one leaves the others working)."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}


class BulkEditForm(forms.Form):
    """Change the chosen people at once: circles, tags, cadence."""

    people = forms.TypedMultipleChoiceField(coerce=int, choices=[])
    add_circle = forms.ChoiceField(label=_("Add to circle"), required=False, choices=[])
    remove_circle = forms.ChoiceField(label=_("Take out of circle"), required=False, choices=[])
    add_tags = forms.CharField(
        label=_("Add tags"), required=False, max_length=300, help_text=_("Separated by commas.")
    )
    cadence_days = forms.IntegerField(label=_("Keep in touch every (days)"), required=False)
    clear_cadence = forms.BooleanField(label=_("Back to the layer's cadence"), required=False)

    def __init__(self, *args, circles=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.circles = tuple((c.slug, c.name, c.seeded) for c in circles)
        choices = [("", "—")] + [(c.slug, labels.circle_label(c)) for c in circles]
        self.fields["add_circle"].choices = choices
        self.fields["remove_circle"].choices = choices
        # Ids are checked against the owner's people by the service, all or nothing.
        self.fields["people"].valid_value = lambda value: str(value).isdigit()

    def renders_alike(self) -> tuple:
        """Return what the blank form renders from besides its class: the owner's circles."""
        return self.circles

    def service_arguments(self) -> dict:
        """Return the form's values as :func:`people_bulk_edit` takes them."""
        data = self.cleaned_data
        return {
            "person_ids": data["people"],
            "add_circles": [data["add_circle"]] if data["add_circle"] else [],
            "remove_circles": [data["remove_circle"]] if data["remove_circle"] else [],
            "add_tags": _lines(data["add_tags"]),
            "cadence_days": data["cadence_days"],
            "clear_cadence": data["clear_cadence"],
        }


class LinkForm(forms.Form):
    """Link the person to someone else of the network: "<person> is <kind> of <other>"."""

    renders_alike = True  # blank, it renders the same in a language: kept (web.templatetags)

    kind = forms.ChoiceField(
        label=_("is"), choices=[(k, labels.LINK_LABELS[k]) for k in vocab.LINK_INVERSES]
    )
    other = forms.CharField(
        label=_("of"), max_length=200, help_text=_("A name, or #id, of someone in your network.")
    )
