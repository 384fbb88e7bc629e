"""What collectstatic gathers: the editor in the back office's language only."""

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.finders import get_finders


def collected_paths() -> set[str]:
    ignore = apps.get_app_config("staticfiles").ignore_patterns
    return {path for finder in get_finders() for path, _ in finder.list(ignore)}


def test_the_editor_is_collected_in_english_only():
    paths = collected_paths()
    languages = {
        path.rsplit("/", 1)[1]
        for path in paths
        if path.startswith("ckeditor/") and "/lang/" in path
    }
    assert {"en.js", "en-gb.js"} <= languages
    assert languages == {"en.js", "en-gb.js"}
    assert "ckeditor/ckeditor/ckeditor.js" in paths
    assert "ckeditor/ckeditor/plugins/image2/lang/en-gb.js" in paths


def test_every_editor_language_folder_keeps_english():
    paths = collected_paths()
    folders = {
        path.rsplit("/", 1)[0]
        for path in paths
        if path.startswith("ckeditor/") and "/lang/" in path
    }
    assert folders
    for folder in folders:
        assert f"{folder}/en.js" in paths, folder


def test_the_editor_is_told_its_language():
    # Left to guess from the browser, it would ask for files not collected.
    assert settings.CKEDITOR_CONFIGS["default"]["language"] == "en-gb"
