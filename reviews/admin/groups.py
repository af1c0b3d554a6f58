"""The same claim from several outlets, on the review desk: one queue row per group, with its
appearances, and on each review page the group it belongs to.

Members of a group whose lead is still worked on are left out of the queue: the lead's row
stands for them ("3 appearances: Kazinform, Vlast"), and opening it opens the lead's review,
where the research is done. A member's page says whose work it shares and shows the lead's
sources and verdict; a fact-checker takes a claim that is not the same out of the group
(reviews.workflow.services.review_leave_group), from either page.
"""

from django.contrib import messages
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from reviews.workflow import services
from reviews.workflow.errors import ReviewConflict, ReviewError
from reviews.workflow.models import Review, Source
from reviews.workflow.moves import ReviewStatus

# Members shown with their group: a member dismissed by itself is no longer an appearance.
MEMBERS_SHOWN = [s for s in ReviewStatus.values if s != ReviewStatus.DISMISSED]


def not_worked_on_elsewhere() -> Q:
    """Reviews that are no member of a group still worked on: the lead's row stands for those."""
    done = [s for s in ReviewStatus.values if s not in services.GROUP_WORKING]
    return Q(group_lead__isnull=True) | Q(group_lead__status__in=done)


def with_members(queryset: QuerySet[Review]) -> QuerySet[Review]:
    """The queue's rows with their groups' members (one query for the page)."""
    members = (Review.objects.filter(status__in=MEMBERS_SHOWN).select_related("claim__article")
               .only("id", "group_lead_id", "status", "claim__id", "claim__language", "claim__article__id",
                     "claim__article__outlet")
               .order_by("id"))
    return queryset.prefetch_related(Prefetch("group_members", queryset=members, to_attr="members_shown"))


def _page(review_id: int) -> str:
    return reverse("admin:reviews_review_change", args=[review_id])


def queue_note(review: Review) -> SafeString:
    """Under the claim in its queue row: its group's appearances, or the lead it is worked on with."""
    members = getattr(review, "members_shown", None)
    if members:
        outlets = [(review.claim.article.outlet or "—", review.claim.language)]
        outlets += [(m.claim.article.outlet or "—", m.claim.language) for m in members]
        count = len(outlets)
        return format_html(
            '<br><small class="queue-group">{}: {}</small>',
            ngettext("%(n)d appearance", "%(n)d appearances", count) % {"n": count},
            format_html_join(", ", "{} ({})", outlets),
        )
    if review.group_lead_id is not None:
        return format_html('<br><small class="queue-group"><a href="{}">{}</a></small>', _page(review.group_lead_id),
                           gettext("the same claim as another: worked on there"))
    return SafeString("")


def in_a_group(review: Review) -> bool:
    return review.group_lead_id is not None or review.group_members.filter(status__in=MEMBERS_SHOWN).exists()


def _leave_button(review: Review, member: Review) -> SafeString:
    url = reverse("admin:reviews_review_leave_group", args=[member.pk])
    return format_html(
        '<button type="submit" formaction="{}?back={}" formmethod="post" name="group-version" value="{}">{}</button>',
        url, review.pk, member.version, gettext("Not the same claim: take it out"))


def _sources(lead: Review) -> SafeString:
    sources = list(Source.objects.filter(review=lead).order_by("-primary", "added_at", "id"))
    if not sources:
        return format_html("<p>{}</p>", gettext("No sources yet."))
    return format_html("<ul>{}</ul>", format_html_join(
        "", "<li>{}</li>",
        ((format_html('<a href="{}">{}</a> · {}', s.url, str(s), s.publisher or "—") if s.url and not
          s.withheld_for_safety else format_html("{} · {}", str(s), s.publisher or "—"),) for s in sources)))


def panel(review: Review) -> SafeString:
    """The review page's group: its appearances (the lead's page), or the lead it shares (a member's)."""
    if review.group_lead_id is not None:
        lead = Review.objects.select_related("claim__article").get(pk=review.group_lead_id)
        verdict = (format_html("{} · {}", lead.get_rating_display(), lead.explanation[:300]) if lead.rating
                   else gettext("No verdict yet."))
        return format_html(
            '<div class="review-group"><p>{} <a href="{}"><q>{}</q></a> ({} · {})</p>'
            "<p><strong>{}</strong> {}</p><p><strong>{}</strong></p>{}<p>{}</p></div>",
            gettext("The same claim as"), _page(lead.pk), lead.claim.text[:220], lead.claim.article.outlet or "—",
            lead.get_status_display(), gettext("Verdict:"), verdict, gettext("Sources:"), _sources(lead),
            _leave_button(review, review))
    members = list(review.group_members.filter(status__in=MEMBERS_SHOWN).select_related("claim__article")
                   .order_by("id"))
    rows = format_html_join("", "<tr><td><a href=\"{}\"><q>{}</q></a></td><td>{}</td><td>{}</td><td>{}</td>"
                                "<td>{}</td><td>{}</td></tr>", (
        (_page(m.pk), m.claim.text[:220], m.claim.article.outlet or "—", m.claim.get_language_display(),
         formats.date_format(m.claim.article.published_on, "SHORT_DATE_FORMAT"), m.get_status_display(),
         _leave_button(review, m) if m.status in services.GROUP_WORKING else "")
        for m in members))
    count = len(members) + 1
    return format_html(
        '<p>{}</p><table class="review-group"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>'
        "<th></th></tr></thead><tbody>{}</tbody></table>",
        ngettext("This claim appeared %(n)d time; it is researched here, once, and published for every appearance.",
                 "This claim appeared %(n)d times; it is researched here, once, and published for every appearance.",
                 count) % {"n": count},
        gettext("claim"), gettext("outlet"), gettext("language"), gettext("date"), gettext("status"), rows)


def leave(request: HttpRequest, review: Review) -> HttpResponse:
    """Take `review` out of its group; back to the page the button was on (its own or its lead's)."""
    back = request.GET.get("back", "")
    page = _page(int(back)) if back.isdigit() and int(back) in (review.pk, review.group_lead_id) else _page(review.pk)
    try:
        if request.POST.get("group-version", "") != str(review.version):
            raise ReviewConflict(gettext(
                "Someone else changed this review after you opened it; nothing was changed. "
                "Check the history below and try again."))
        services.review_leave_group(review=review, actor=request.user)
    except ReviewConflict as error:
        messages.warning(request, error.message)
    except ReviewError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("Taken out of the group: “%(claim)s” is worked on by itself.")
                         % {"claim": review.claim.text[:80]})
    return HttpResponseRedirect(page)
