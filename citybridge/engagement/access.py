from django.http import Http404

from citybridge.engagement.models import Engagement


def get_engagement_for_user(user, pk: int) -> Engagement:
    try:
        return (
            Engagement.objects.visible_to(user)
            .select_related("hub", "country", "host_city", "funder")
            .get(pk=pk)
        )
    except Engagement.DoesNotExist:
        raise Http404("No such engagement.") from None
