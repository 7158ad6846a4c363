"""Spam markers (family ``spam``): the corpus bars, and each marker in and out of context."""

from __future__ import annotations

import pytest



def spam(check, text: str, format: str = "text") -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in check(text, format=format, select=("spam",))]


def test_template_bylines_are_reported_but_real_ones_are_not(check):
    text = "Chemical peels explained\n\nBlog Post\n\nContent Writer-Moreno Lucas\n\nBy Dr Ana Silva\n\nA peel removes dead skin."
    assert spam(check, text) == [("SM101", "Blog Post"), ("SM101", "Content Writer-Moreno Lucas")]


def test_title_repeated_exactly_or_respun_is_reported(check):
    text = (
        "Lip Fillers: The Complete Guide to Fuller Lips\n\nFillers add volume.\n\n"
        "Lip Fillers: The Complete Guide to Fuller Lips\n\nMore text here.\n\n"
        "Lip Fillers: The Complete Tutorial to Fuller Lips\n\nEnd.\n\n"
        "Lip Fillers: Risks\n\nBruising is common."
    )
    assert [t for _, t in spam(check, text)] == [
        "Lip Fillers: The Complete Guide to Fuller Lips",
        "Lip Fillers: The Complete Tutorial to Fuller Lips",
    ]


def test_html_headline_restating_the_page_title_is_not_a_repeat(check):
    html = ("<html><head><title>Lip Fillers: A Guide</title></head><body>"
            "<h1>Lip Fillers: A Guide</h1><p>Fillers add volume to the lips.</p></body></html>")
    assert spam(check, html, format="html") == []


def test_injected_anchor_at_a_sentence_start_is_reported(check):
    text = "Your nurse checks your skin. cheap lip fillers london then explain the risks."
    assert spam(check, text) == [("SM103", "cheap lip fillers london")]


@pytest.mark.parametrize("text", [
    "Swelling settles in approx. two weeks for most patients.",
    "Compare microneedling vs. laser treatment before booking.",
    "We use the SkinPen device. iPhone photos help us track results.",
])
def test_lower_case_after_a_full_stop_that_is_not_an_anchor(check, text):
    assert spam(check, text) == []


def test_bare_url_standing_in_prose_is_reported_but_an_introduced_one_is_not(check):
    assert spam(check, "Fine needles are used. https://example.com/news/botox-trends causes a healing response.") == [
        ("SM104", "https://example.com/news/botox-trends")
    ]
    assert spam(check, "Read the leaflet at https://example.com/leaflet before your visit.") == []
    assert spam(check, "Source: https://example.com/study, published in 2021.") == []


def test_comment_form_boilerplate_is_reported(check):
    text = "Results take time.\n\nLeave a Comment\n\nYour email address will not be published. Required fields are marked *"
    assert [t for _, t in spam(check, text)] == [
        "Leave a Comment", "Your email address will not be published.", "Required fields are marked *",
    ]


def test_keyword_stuffing_needs_a_repeated_keyword_and_an_unnatural_tail(check):
    stuffed = "For smooth skin, botox is the botox treatment best Choice for you."
    assert spam(check, stuffed) == [("SM106", "botox treatment best")]
    assert spam(check, "Ask which treatment best suits your skin.") == []
    assert spam(check, "Microneedling works best on rolling scars, and microneedling treatment is quick.") == []
