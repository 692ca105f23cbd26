"""An uploaded file's name: no folders, no dot files, and its suffix (which says how to read it) kept."""

from assistant.uploads import safe_filename


def test_names_are_tamed_and_keep_their_suffix():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("..pdf") == "upload.pdf"
    assert safe_filename("C:\\公报\\2022 第6期.PDF") == "2022_第6期.pdf"
    assert safe_filename(".bashrc") == "bashrc"
