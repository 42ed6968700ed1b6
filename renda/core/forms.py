"""Form-field builders whose errors name the field in Chinese (and English)."""

from __future__ import annotations

import os

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .views import DateInput, field_messages


def char_field(label, max_length: int, *, required: bool = False, **kwargs) -> forms.CharField:
    messages = field_messages(label)
    messages["max_length"] = format_lazy(
        _("{label}不能超过{max}个字符。"), label=label, max=max_length
    )
    return forms.CharField(
        label=label, max_length=max_length, required=required, error_messages=messages, **kwargs
    )


def choice_field(label, choices, *, required: bool = True, blank=None) -> forms.ChoiceField:
    if blank is not None:
        choices = [("", blank), *choices]
    return forms.ChoiceField(
        label=label, choices=choices, required=required, error_messages=field_messages(label)
    )


def date_field(label, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DateInput(), error_messages=field_messages(label)
    )


def model_choice_field(
    label, queryset, *, required: bool = False, empty_label="—"
) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=required,
        empty_label=empty_label,
        error_messages=field_messages(label),
    )


class KeepsUploads:
    """A file chosen in a form that is refused for another reason is kept, not lost.

    When the form comes back with errors, each file that was sent and is not itself the
    problem is stored under ``kept/`` (private storage: never served as /media/) and the
    form carries a signed token for it. Sent again without a new file, the form takes
    the kept file as if it had been chosen again; a new file replaces it. Tokens expire
    after a day, and kept files older than that are removed on the next keep.
    """

    KEPT_SALT = "renda.forms.kept-upload"
    KEPT_MAX_AGE = 24 * 3600

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept_done: set[str] = set()
        self._from_kept: set[str] = set()  # fields whose file is the kept one, not a new one
        if not self.is_bound:
            return
        from django.utils.datastructures import MultiValueDict

        files = MultiValueDict({k: self.files.getlist(k) for k in self.files})
        for name in self._file_fields():
            key = self.add_prefix(name)
            if files.get(key):
                continue
            kept = self._load_kept(self.data.get(f"{key}-kept"))
            if kept is not None:
                files[key] = kept
                self._from_kept.add(name)
                self._mark_kept(name, self.data.get(f"{key}-kept"), kept.name)
        self.files = files

    def _file_fields(self) -> list[str]:
        return [n for n, f in self.fields.items() if isinstance(f, forms.FileField)]

    def _mark_kept(self, name: str, token: str, filename: str) -> None:
        field = self.fields[name]
        field.kept = {"token": token, "name": filename}
        # A kept file counts as chosen: the browser must not ask for it again.
        self.initial[name] = filename
        self._bound_fields_cache.pop(name, None)  # its initial value is read again

    def _load_kept(self, token):
        from django.core import signing
        from django.core.files.storage import default_storage
        from django.core.files.uploadedfile import UploadedFile

        if not token:
            return None
        try:
            kept = signing.loads(token, salt=self.KEPT_SALT, max_age=self.KEPT_MAX_AGE)
            path, filename = kept["p"], kept["n"]
            size = default_storage.size(path)
            handle = default_storage.open(path, "rb")
        except (signing.BadSignature, KeyError, TypeError, OSError):
            return None
        return UploadedFile(file=handle, name=filename, content_type=None, size=size)

    def keep_uploads(self) -> None:
        """Store each file sent with this (refused) form whose own field has no error."""
        import time
        import uuid

        from django.core import signing
        from django.core.files.storage import default_storage

        swept = False
        for name in self._file_fields():
            if name in self._kept_done:
                continue
            upload = self.files.get(self.add_prefix(name))
            if not upload or self.errors.get(name):
                continue
            self._kept_done.add(name)
            if name in self._from_kept:
                continue  # the kept file itself: its token serves again
            if not swept:  # once per refused form that stores something
                self._drop_stale_kept(default_storage, time.time())
                swept = True
            filename = (upload.name or "file").replace("/", "_").replace("\\", "_")[-120:]
            upload.seek(0)
            path = default_storage.save(f"kept/{uuid.uuid4().hex}/{filename}", upload)
            upload.seek(0)
            token = signing.dumps({"p": path, "n": filename}, salt=self.KEPT_SALT)
            self._mark_kept(name, token, filename)

    def _drop_stale_kept(self, storage, now: float) -> None:
        try:
            _dirs, _files = storage.listdir("kept")
        except (FileNotFoundError, NotADirectoryError, OSError):
            return
        for directory in _dirs:
            try:
                names = storage.listdir(f"kept/{directory}")[1]
                stamps = [storage.get_modified_time(f"kept/{directory}/{n}") for n in names]
                if all(now - s.timestamp() > self.KEPT_MAX_AGE for s in stamps):
                    for n in names:
                        storage.delete(f"kept/{directory}/{n}")
                    if hasattr(storage, "path"):  # a folder on disk: remove it too
                        os.rmdir(storage.path(f"kept/{directory}"))
            except (OSError, NotImplementedError):
                continue

    def full_clean(self):
        self._cleaning = True
        try:
            super().full_clean()
        finally:
            self._cleaning = False
        if self._errors:
            self.keep_uploads()

    def add_error(self, field, error):
        super().add_error(field, error)
        if getattr(self, "_cleaning", False):
            return  # full_clean keeps the files once every field is checked
        # A refusal found after cleaning (by a service): a file whose own field is refused
        # is not kept; the other files are.
        names = list(error) if field is None and isinstance(error, dict) else [field]
        for name in names:
            if name in self._file_fields():
                self.fields[name].kept = None
                self.initial.pop(name, None)
                self._kept_done.add(name)
        self.keep_uploads()
