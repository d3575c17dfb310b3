"""The desk's pages under /desk/: the firms', the agents', the partners' and the
supervisors' (dashboards and outreach campaigns)."""

from django.urls import path

from smewindow.desk import views, views_agent, views_partner, views_supervisor

app_name = "desk"
urlpatterns = [
    path("ask/", views.ask, name="ask"),
    path("case/<slug:token>/", views.case, name="case"),
    path("case/<slug:token>/reply", views.case_reply, name="case_reply"),
    path("case/<slug:token>/close", views.case_close, name="case_close"),
    path("case/<slug:token>/rate", views.case_rate, name="case_rate"),
    path("case/<slug:token>/data.json", views.case_data, name="case_data"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/", views.mine_case, name="mine_case"),
    path("mine/<int:pk>/reply", views.mine_reply, name="mine_reply"),
    path("mine/<int:pk>/close", views.mine_close, name="mine_close"),
    path("mine/<int:pk>/rate", views.mine_rate, name="mine_rate"),
    path("mine/<int:pk>/data.json", views.mine_data, name="mine_data"),
    # The desk agent (issue 14, wave 2): the queue, phone cases, the agent's case page
    path("agent/", views_agent.queue, name="agent_queue"),
    path("agent/phone/", views_agent.phone, name="agent_phone"),
    path("agent/case/<int:pk>/", views_agent.case, name="agent_case"),
    path("agent/case/<int:pk>/reply", views_agent.reply, name="agent_reply"),
    path("agent/case/<int:pk>/refer", views_agent.refer, name="agent_refer"),
    path("agent/case/<int:pk>/call", views_agent.call, name="agent_call"),
    path("agent/case/<int:pk>/close", views_agent.close, name="agent_close"),
    # The partner unit (issue 14): a partner's staff and its referrals
    path("partner/", views_partner.home, name="partner"),
    path("partner/referral/<int:pk>/", views_partner.referral, name="partner_referral"),
    path("partner/referral/<int:pk>/accept", views_partner.accept, name="partner_accept"),
    path("partner/referral/<int:pk>/return", views_partner.give_back, name="partner_return"),
    path("partner/referral/<int:pk>/schedule", views_partner.schedule, name="partner_schedule"),
    path("partner/referral/<int:pk>/outcome", views_partner.outcome, name="partner_outcome"),
    # --- supervisor: dashboards and outreach (issue 14, the supervisor's part) ---
    path("supervisor/", views_supervisor.dashboard_page, name="supervisor_dashboard"),
    path("supervisor/<slug:table>.csv", views_supervisor.dashboard_csv, name="supervisor_csv"),
    path(
        "supervisor/campaigns/upload",
        views_supervisor.campaign_upload,
        name="supervisor_campaign_upload",
    ),
    path(
        "supervisor/campaigns/new/<slug:key>/",
        views_supervisor.campaign_new,
        name="supervisor_campaign_new",
    ),
    path("outreach/", views_supervisor.campaigns, name="outreach_campaigns"),
    path("outreach/<int:pk>/", views_supervisor.campaign, name="outreach_campaign"),
    path(
        "outreach/<int:pk>/firms/<int:firm>/call",
        views_supervisor.campaign_call,
        name="outreach_call",
    ),
]
