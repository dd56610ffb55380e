using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;
using Xunit;
using static Conformance.Suites.AccountManagement.Checks.ActionNames;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>The account management URL's deep links: the advertised actions and device_id are accepted,
/// device_id is ignored where it means nothing, what happens to links the spec leaves open, and the
/// m.oauth UIA URL's deep link to cross_signing_reset.</summary>
public sealed class DeepLinks(AccountManagementSuite suite)
{
    private const string Link = "GET {account_management_uri}";
    private const string UploadSubject = "POST /_matrix/client/v3/keys/device_signing/upload (OAuth token)";

    [Theory, Check("AM-007"), NamedCases]
    public Task AM007(ActionLink @case) => suite.Context.JudgeAsync(@case, () => suite.Links, o => AM007_AdvertisedActionsAreAccepted(o, @case));

    [Theory, Check("AM-008"), NamedCases]
    public Task AM008(DeviceIdSupport @case) => @case == DeviceIdSupport.Http
        ? suite.Context.JudgeAsync(@case, () => suite.Links, AM008_DeviceIdIsAccepted)
        : suite.Context.JudgeAsync(@case, () => suite.Browser, AM008_DeviceViewShowsTheDevice);

    [Theory, Check("AM-009"), NamedCases]
    public Task AM009(string @case) => suite.Context.JudgeAsync(@case, () => suite.Links, AM009_DeviceIdIsIgnoredElsewhere);

    [Theory, Check("AM-010"), NamedCases]
    public Task AM010(UnusualLink @case) => suite.Context.JudgeAsync(@case, () => suite.Links, o => AM010_UnusualLinks(o, @case));

    [Theory, Check("AM-013"), NamedCases]
    public Task AM013(string @case) => suite.Context.JudgeAsync(@case, async () => (await suite.Metadata, await suite.CrossSigning), o => AM013_OAuthUiaLinksToReset(o.Item1, o.Item2));

    public static Outcome AM007_AdvertisedActionsAreAccepted(Observed<DeepLinkObservations> o, ActionLink link)
    {
        if (!o.TryGet(out var links, out var why)) return new Outcome(Link, why);
        if (link == ActionLink.ExtraParameter) return Accepted(links.Actions.ExtraParameter, "with id_token_hint, which Element sends");
        var action = CaseNames.Of(link);
        if (!links.Account.Advertises(action)) return new Outcome(Link, Judgement.Skip($"{action} is not advertised.", links.Account.ActionsAdvertised));
        return Accepted(links.Actions.For(link), $"?action={action}");
    }

    public static Outcome AM008_DeviceIdIsAccepted(Observed<DeepLinkObservations> o)
    {
        if (!o.TryGet(out var links, out var why)) return new Outcome(Link, why);
        if (!links.Account.Advertises(DeviceView) && !links.Account.Advertises(DeviceDelete))
            return new Outcome(Link, Judgement.Skip("Neither device action is advertised.", links.Account.ActionsAdvertised));
        return Accepted(links.DeviceAction, "with device_id");
    }

    public static Outcome AM008_DeviceViewShowsTheDevice(Observed<BrowserObservations> o) =>
        InBrowser.Judge(o, DeviceView, b => b.DeviceView, (flow, loaded) =>
            (flow.DeviceId is { } id && loaded.Page.Text.Contains(id, StringComparison.Ordinal)
                ? Judgement.Pass($"The device_view page shows the device {id}.")
                : Judgement.Breach($"The device_view page for {flow.DeviceId} does not show that device's ID."), []));

    public static Outcome AM009_DeviceIdIsIgnoredElsewhere(Observed<DeepLinkObservations> o)
    {
        if (!o.TryGet(out var links, out var why)) return new Outcome(Link, why);
        if (!links.Account.Advertises(Profile)) return new Outcome(Link, Judgement.Skip($"{Profile} is not advertised.", links.Account.ActionsAdvertised));
        return Accepted(links.ProfileWithDeviceId, $"?action={Profile} with a device_id");
    }

    /// <summary>Records the answer: the spec binds clients here, not servers.</summary>
    public static Outcome AM010_UnusualLinks(Observed<DeepLinkObservations> o, UnusualLink link)
    {
        if (!o.TryGet(out var links, out var why)) return new Outcome(Link, why);
        var r = links.For(link);
        return Outcome.Of(Link, Expect.Arrived(r) ?? Judgement.Info($"answered {Describe(r)}"), r);
    }

    /// <summary>Needs the server to ask for UIA when keys are replaced with an OAuth token; otherwise there
    /// is no m.oauth URL to read, which is inconclusive.</summary>
    public static Outcome AM013_OAuthUiaLinksToReset(MetadataObservations m, Observed<CrossSigningReplacement> x)
    {
        if (!m.Document.TryGet(out _, out var why) || !x.TryGet(out var uploads, out why)) return new Outcome(UploadSubject, why);
        var (first, replace) = (uploads.First, uploads.Replace);
        if (Expect.Arrived(first, replace) is { } lost) return Outcome.Of(UploadSubject, lost, first, replace);
        var url = Json.Str(((replace.Object?["params"] as JsonObject)?["m.oauth"] as JsonObject)?["url"]);
        var j = !first.IsSuccess ? Judgement.Inconclusive($"The first upload of cross-signing keys was refused ({first.Summary()}), so replacing them could not be tried.")
            : replace.IsSuccess ? Judgement.Inconclusive("The server replaced the cross-signing keys without user-interactive authentication, so there is no m.oauth URL to check.")
            : url is null ? Judgement.Inconclusive($"Replacing the keys answered {replace.Summary()} without an m.oauth stage URL.")
            : !url.Contains("action=" + CrossSigningReset, StringComparison.Ordinal) ? Judgement.Breach($"The m.oauth URL {url} does not carry action={CrossSigningReset}.")
            : m.AccountManagement.TryGet(out var account, out _) && !url.StartsWith(account.Uri.ToString().TrimEnd('/'), StringComparison.Ordinal)
                ? Judgement.Breach($"The m.oauth URL {url} carries the action but is not based on {AccountManagementUrl.UriField} ({account.Uri}).")
            : Judgement.Pass($"The m.oauth URL {url} deep-links to cross_signing_reset.");
        return Outcome.Of(UploadSubject, j, first, replace);
    }

    /// <summary>A link is accepted when it is neither refused (400) nor breaks the server (5xx): a page or
    /// a redirect to sign in are both fine.</summary>
    private static Outcome Accepted(MatrixResponse r, string what)
    {
        if (Expect.Arrived(r) is { } lost) return Outcome.Of(Link, lost, r);
        return Outcome.Of(Link, r.Status == 400 || r.Status >= 500 ? Judgement.Breach($"The link {what} answered {Describe(r)}.")
            : Judgement.Pass($"The link {what} answered {Describe(r)}."), r);
    }

    private static string Describe(MatrixResponse r) =>
        r.Headers.TryGetValue("Location", out var to) ? $"{r.Status} → {to}" : r.Summary();
}
