"""Partners' voice before the event: topic requests, comments and votes, merged by managers and
turned into sessions."""

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from outward.core.errors import InputError
from outward.events.models import Comment, Event, Session, SessionKind, TopicRequest, Vote


def requests_with_votes(event: Event) -> QuerySet[TopicRequest]:
    """The event's open topic requests (not merged away), most votes first."""
    return (
        TopicRequest.objects.filter(event=event, merged_into__isnull=True)
        .annotate(vote_count=Count("votes", distinct=True))
        .annotate(comment_count=Count("comments", distinct=True))
        .select_related("partner", "author")
        .order_by("-vote_count", "-created_at", "pk")
    )


def _text(value: str, field: str, limit: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise InputError(f"{field}: this field is required")
    if limit and len(value) > limit:
        raise InputError(f"{field}: at most {limit} characters, not {len(value)}")
    return value


def propose_request(*, event: Event, user, title: str, why: str) -> TopicRequest:
    """A partner user asks for a topic: what their partner needs from the conference, and why."""
    if not user.is_partner_user:
        raise InputError("Only partner users propose topics.")
    return TopicRequest.objects.create(
        event=event,
        partner_id=user.partner_id,
        author=user,
        title=_text(title, "title", 200),
        why=_text(why, "why"),
    )


def add_comment(*, request: TopicRequest, user, body: str) -> Comment:
    """Anyone signed in may comment on a topic request."""
    return Comment.objects.create(
        request=request,
        author=user,
        partner_id=user.partner_id if user.is_partner_user else None,
        body=_text(body, "comment"),
    )


def votes_left(*, event: Event, user) -> int:
    """How many more topic requests of the event the partner user may vote for."""
    used = Vote.objects.filter(request__event=event, user=user).count()
    return max(0, event.votes_per_user - used)


@transaction.atomic
def cast_vote(*, request: TopicRequest, user) -> Vote:
    """A partner user's vote for a topic, within the event's votes per user."""
    if not user.is_partner_user:
        raise InputError("Only partner users vote for topics.")
    if request.merged_into_id is not None:
        raise InputError("This request was merged into another one: vote for that one.")
    existing = Vote.objects.filter(request=request, user=user).first()
    if existing is not None:
        return existing
    if votes_left(event=request.event, user=user) <= 0:
        raise InputError(
            f"You have used all {request.event.votes_per_user} of your votes: "
            "withdraw one to vote for this topic."
        )
    return Vote.objects.create(request=request, user=user, partner_id=user.partner_id)


def withdraw_vote(*, request: TopicRequest, user) -> None:
    """The partner user takes their vote back (and may cast it elsewhere)."""
    Vote.objects.filter(request=request, user=user).delete()


@transaction.atomic
def merge_requests(*, duplicate: TopicRequest, into: TopicRequest) -> TopicRequest:
    """A manager merges a duplicate into another request: its votes and sessions move along.

    A user who voted for both keeps one vote (on `into`) and gets the other back.
    """
    if duplicate.pk == into.pk:
        raise InputError("into: a request cannot be merged into itself")
    if duplicate.event_id != into.event_id:
        raise InputError("into: both requests must belong to the same event")
    if into.merged_into_id is not None:
        raise InputError("into: that request was itself merged; choose the one it went into")
    voters = set(Vote.objects.filter(request=into).values_list("user_id", flat=True))
    Vote.objects.filter(request=duplicate, user_id__in=voters).delete()
    Vote.objects.filter(request=duplicate).update(request=into)
    for session in duplicate.sessions.all():
        session.answers.add(into)
    TopicRequest.objects.filter(merged_into=duplicate).update(merged_into=into)
    duplicate.merged_into = into
    duplicate.save(update_fields=["merged_into"])
    return into


@transaction.atomic
def create_session_from_request(
    *, request: TopicRequest, title: str = "", kind: str = SessionKind.PARTNER_REQUESTED
) -> Session:
    """Turn a topic request into an optional `partner_requested` session that answers it."""
    if request.merged_into_id is not None:
        raise InputError("This request was merged: turn the one it went into into a session.")
    if kind not in SessionKind.values:
        raise InputError(f"kind: must be one of {', '.join(SessionKind.values)}")
    session = Session.objects.create(
        event=request.event,
        title=(title or request.title).strip()[:200],
        abstract=request.why,
        kind=kind,
        optional=True,
    )
    session.answers.add(request)
    return session


def session_votes(event: Event) -> dict[int, int]:
    """Each session's partner votes: the votes of the topic requests it answers."""
    rows = (
        Session.objects.filter(event=event)
        .annotate(
            vote_count=Count(
                "answers__votes", filter=Q(answers__merged_into__isnull=True), distinct=True
            )
        )
        .values_list("pk", "vote_count")
    )
    return dict(rows)


def author_label(*, topic: TopicRequest | Comment, viewer) -> str:
    """Who asked or commented, as the viewer may see it: another partner stays anonymous."""
    partner_id = topic.partner_id
    if partner_id is None:
        return "Vendor team"
    if viewer.is_vendor or viewer.partner_id == partner_id:
        author = topic.author.email if topic.author else ""
        return f"{author} ({topic.partner.name})" if author else topic.partner.name
    return "Another partner"


def votes_of(*, event: Event, user) -> set[int]:
    """The topic requests of the event the user has voted for."""
    return set(
        Vote.objects.filter(request__event=event, user=user).values_list("request_id", flat=True)
    )


def vote_count(topic: TopicRequest) -> int:
    """All partners' votes for the request (the count is public, the voters are not)."""
    return (
        TopicRequest.objects.filter(pk=topic.pk)
        .annotate(n=Count("votes"))
        .values_list("n", flat=True)
        .get()
    )


def requests_left_out(*, event: Event, placed_session_ids, limit: int = 10) -> list[TopicRequest]:
    """The most-voted open topic requests that no placed session answers (the partners asked,
    the agenda does not say)."""
    return list(
        requests_with_votes(event)
        .filter(vote_count__gt=0)
        .exclude(sessions__in=list(placed_session_ids))[:limit]
    )
