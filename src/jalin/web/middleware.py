"""Apply the signed-in owner's own language and time zone to each request."""

from __future__ import annotations

import zoneinfo

from django.utils import timezone, translation

from jalin.core.selectors import profile_for


class UserPreferencesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            profile = profile_for(request.user)
            request.jalin_profile = profile  # the views read it again without a query
            if profile.language:
                translation.activate(profile.language)
                request.LANGUAGE_CODE = profile.language
            if profile.time_zone:
                timezone.activate(zoneinfo.ZoneInfo(profile.time_zone))
        response = self.get_response(request)
        timezone.deactivate()
        return response
