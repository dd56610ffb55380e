using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Tests.Support;
using Xunit;
using static Conformance.Suites.AccountManagement.Checks.ActionNames;
using static Conformance.Tests.Judges.AccountManagementSamples;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The deep-link judges (the deep-links family) over hand-made observations.</summary>
public sealed class DeepLinksTests
{
    private static readonly MatrixResponse Refused = Error(400, "M_INVALID_PARAM", path: "/account/");

    [Fact]
    public void A_conformant_server_passes_every_link()
    {
        var o = Observed.Of(Links());
        foreach (var link in Enum.GetValues<ActionLink>()) Assert.Equal(Verdict.Pass, DeepLinks.AM007_AdvertisedActionsAreAccepted(o, link).Verdict);
        Assert.Equal(Verdict.Pass, DeepLinks.AM008_DeviceIdIsAccepted(o).Verdict);
        Assert.Equal(Verdict.Pass, DeepLinks.AM008_DeviceViewShowsTheDevice(Browser()).Verdict);
        Assert.Equal(Verdict.Pass, DeepLinks.AM009_DeviceIdIsIgnoredElsewhere(o).Verdict);
        Assert.Contains("302 → http://127.0.0.1:8008/login", DeepLinks.AM007_AdvertisedActionsAreAccepted(o, ActionLink.Profile).Reason);
    }

    [Fact]
    public void Without_a_usable_account_uri_every_link_check_skips_with_the_detection()
    {
        var none = NoAccountUri();
        var outcomes = new[]
        {
            DeepLinks.AM007_AdvertisedActionsAreAccepted(none, ActionLink.ExtraParameter), DeepLinks.AM008_DeviceIdIsAccepted(none),
            DeepLinks.AM009_DeviceIdIsIgnoredElsewhere(none), DeepLinks.AM010_UnusualLinks(none, UnusualLink.UnknownAction),
        };
        foreach (var outcome in outcomes)
        {
            Assert.Equal(Verdict.Skip, outcome.Verdict);
            Assert.Equal("the metadata has no account_management_uri", outcome.Judgement.Detection);
        }
    }

    [Fact]
    public void Actions_that_are_not_advertised_skip_AM007_to_AM009()
    {
        var o = Observed.Of(Links() with { Account = Account(DevicesList) });
        var skip = DeepLinks.AM007_AdvertisedActionsAreAccepted(o, ActionLink.Profile).Judgement;
        Assert.Equal(Verdict.Skip, skip.Verdict);
        Assert.Equal($"account_management_actions_supported: {DevicesList}", skip.Detection);
        Assert.Equal(Verdict.Pass, DeepLinks.AM007_AdvertisedActionsAreAccepted(o, ActionLink.DevicesList).Verdict);
        Assert.Equal(Verdict.Skip, DeepLinks.AM008_DeviceIdIsAccepted(o).Verdict);
        Assert.Equal(Verdict.Skip, DeepLinks.AM009_DeviceIdIsIgnoredElsewhere(o).Verdict);
    }

    [Fact]
    public void A_refused_or_broken_link_warns_on_AM007()
    {
        var o = Observed.Of(Links() with { Actions = Links().Actions with { CrossSigningReset = Refused, ExtraParameter = Text(500, "oops", path: "/account/") } });
        var refused = DeepLinks.AM007_AdvertisedActionsAreAccepted(o, ActionLink.CrossSigningReset);
        Assert.True(refused.Judgement.IsBreach);
        Assert.Equal(Verdict.Warn, refused.Reported("AM-007"));
        Assert.Contains($"?action={CrossSigningReset} answered 400 M_INVALID_PARAM", refused.Reason);
        Assert.Equal(Verdict.Warn, DeepLinks.AM007_AdvertisedActionsAreAccepted(o, ActionLink.ExtraParameter).Reported("AM-007"));
        Assert.Equal(Verdict.Pass, DeepLinks.AM007_AdvertisedActionsAreAccepted(o, ActionLink.DeviceDelete).Verdict);
    }

    [Fact]
    public void A_refused_device_id_warns_on_AM008_and_AM009()
    {
        var o = Observed.Of(Links() with { DeviceAction = Refused, ProfileWithDeviceId = Refused });
        Assert.Equal(Verdict.Warn, DeepLinks.AM008_DeviceIdIsAccepted(o).Reported("AM-008"));
        Assert.Equal(Verdict.Warn, DeepLinks.AM009_DeviceIdIsIgnoredElsewhere(o).Reported("AM-009"));
    }

    [Fact]
    public void A_device_view_page_that_hides_the_device_warns_on_AM008_with_its_screenshots()
    {
        var hidden = Browser() with { DeviceView = Flow(DeviceView, ReadOnlyPage(Page("Your devices")), device: true) };
        var outcome = DeepLinks.AM008_DeviceViewShowsTheDevice(hidden);
        Assert.Equal(Verdict.Warn, outcome.Reported("AM-008"));
        Assert.Equal($"{DeviceView} deep link in a browser", outcome.Subject);
        Assert.Single(outcome.Attachments);
    }

    [Fact]
    public void In_the_browser_AM008_skips_without_a_browser_or_the_action_and_errs_when_the_flow_broke()
    {
        Assert.Equal(Verdict.Skip, DeepLinks.AM008_DeviceViewShowsTheDevice(NoBrowser()).Verdict);
        Assert.Equal(Verdict.Skip, DeepLinks.AM008_DeviceViewShowsTheDevice(Browser() with { DeviceView = NotAdvertised(DeviceView) }).Verdict);
        var broken = Flow(DeviceView, ReadOnlyPage(Page(""))) with { Loaded = Observed.NotSeen<LoadedPage>(Judgement.Error("The browser flow broke at http://127.0.0.1:8008/account/: Timeout 10000ms exceeded.")) };
        var outcome = DeepLinks.AM008_DeviceViewShowsTheDevice(Browser() with { DeviceView = broken });
        Assert.Equal(Verdict.Error, outcome.Verdict);
        Assert.Single(outcome.Attachments);
    }

    [Fact]
    public void AM010_records_what_the_server_does_with_links_the_spec_leaves_open()
    {
        var o = Observed.Of(Links() with { UnknownAction = Refused });
        var unknown = DeepLinks.AM010_UnusualLinks(o, UnusualLink.UnknownAction);
        Assert.Equal(Verdict.Info, unknown.Verdict);
        Assert.Equal("answered 400 M_INVALID_PARAM", unknown.Judgement.Finding);
        Assert.Equal("answered 302 → http://127.0.0.1:8008/login?next=%2Faccount%2F", DeepLinks.AM010_UnusualLinks(o, UnusualLink.MissingDeviceId).Judgement.Finding);
    }

    [Fact]
    public void An_answer_that_never_came_is_an_error_not_a_verdict()
    {
        var o = Observed.Of(Links() with { Actions = Links().Actions with { Profile = NoAnswer("GET", "/account/") }, DeviceAction = NoAnswer(), MissingDeviceId = NoAnswer() });
        Assert.Equal(Verdict.Error, DeepLinks.AM007_AdvertisedActionsAreAccepted(o, ActionLink.Profile).Verdict);
        Assert.Equal(Verdict.Error, DeepLinks.AM008_DeviceIdIsAccepted(o).Verdict);
        Assert.Equal(Verdict.Error, DeepLinks.AM010_UnusualLinks(o, UnusualLink.MissingDeviceId).Verdict);
    }

    // --- the m.oauth UIA URL --------------------------------------------------------------------------

    private static readonly MatrixResponse Uploaded = Json(200, "{}", "POST", "/_matrix/client/v3/keys/device_signing/upload");

    private static MatrixResponse OAuthStage(string url) => Json(401, new JsonObject
    {
        ["flows"] = new JsonArray(new JsonObject { ["stages"] = new JsonArray("m.oauth") }),
        ["params"] = new JsonObject { ["m.oauth"] = new JsonObject { ["url"] = url } },
        ["session"] = "s1",
    }.ToJsonString(), "POST", "/_matrix/client/v3/keys/device_signing/upload");

    private static Observed<CrossSigningReplacement> Replaced(MatrixResponse replace, MatrixResponse? first = null) =>
        new CrossSigningReplacement(first ?? Uploaded, replace);

    [Fact]
    public void An_m_oauth_url_with_the_action_on_the_account_uri_passes_AM013()
    {
        var outcome = DeepLinks.AM013_OAuthUiaLinksToReset(Metadata(), Replaced(OAuthStage(AccountUri + "?action=" + CrossSigningReset)));
        Assert.Equal(Verdict.Pass, outcome.Verdict);
        Assert.Equal(2, outcome.Exchanges.Count);
    }

    [Fact]
    public void An_m_oauth_url_without_the_action_or_off_the_account_uri_warns_on_AM013()
    {
        var bare = DeepLinks.AM013_OAuthUiaLinksToReset(Metadata(), Replaced(OAuthStage(AccountUri)));
        Assert.Equal(Verdict.Warn, bare.Reported("AM-013"));
        Assert.Contains("does not carry action=", bare.Reason);
        var elsewhere = DeepLinks.AM013_OAuthUiaLinksToReset(Metadata(), Replaced(OAuthStage("https://other.example.org/?action=" + CrossSigningReset)));
        Assert.Equal(Verdict.Warn, elsewhere.Reported("AM-013"));
        Assert.Contains("not based on account_management_uri", elsewhere.Reason);
        // Without an advertised account_management_uri there is nothing to base it on.
        var noUri = Metadata(Document(AccountManagementUrl.UriField, null));
        Assert.Equal(Verdict.Pass, DeepLinks.AM013_OAuthUiaLinksToReset(noUri, Replaced(OAuthStage("https://other.example.org/?action=" + CrossSigningReset))).Verdict);
    }

    [Fact]
    public void Without_an_m_oauth_url_to_read_AM013_is_inconclusive()
    {
        var refused = Error(400, "M_INVALID_PARAM", "POST", "/_matrix/client/v3/keys/device_signing/upload");
        Assert.Equal(Verdict.Inconclusive, DeepLinks.AM013_OAuthUiaLinksToReset(Metadata(), Replaced(OAuthStage(AccountUri), first: refused)).Verdict);
        Assert.Equal(Verdict.Inconclusive, DeepLinks.AM013_OAuthUiaLinksToReset(Metadata(), Replaced(Uploaded)).Verdict);
        var passwordOnly = Json(401, """{"flows":[{"stages":["m.login.password"]}],"params":{},"session":"s1"}""", "POST");
        Assert.Equal(Verdict.Inconclusive, DeepLinks.AM013_OAuthUiaLinksToReset(Metadata(), Replaced(passwordOnly)).Verdict);
    }

    [Fact]
    public void AM013_skips_without_the_OAuth_api_and_errs_when_it_could_not_run()
    {
        var noOAuth = Observed.NotSeen<CrossSigningReplacement>(WithoutOAuth().Document.Missing!);
        var skip = DeepLinks.AM013_OAuthUiaLinksToReset(WithoutOAuth(), noOAuth).Judgement;
        Assert.Equal(Verdict.Skip, skip.Verdict);
        Assert.Equal(NoOAuthDetection, skip.Detection);
        var unmade = Observed.NotSeen<CrossSigningReplacement>(Judgement.Error("The profile gives no 'am_xsign' account, and this provisioner cannot make one."));
        Assert.Equal(Verdict.Error, DeepLinks.AM013_OAuthUiaLinksToReset(Metadata(), unmade).Verdict);
        Assert.Equal(Verdict.Error, DeepLinks.AM013_OAuthUiaLinksToReset(Metadata(), Replaced(NoAnswer("POST"))).Verdict);
    }
}
