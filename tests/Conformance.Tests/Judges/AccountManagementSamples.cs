using System.Text.Json.Nodes;
using Conformance.Harness.Browser;
using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Observations;
using static Conformance.Suites.AccountManagement.Checks.ActionNames;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>Hand-made observations of a conformant server for the OAuth 2.0 metadata and account
/// management judges; each test changes the one thing it is about.</summary>
public static class AccountManagementSamples
{
    public const string AccountUri = "http://127.0.0.1:8008/account/";
    public const string TargetDevice = "DEV2";

    private static readonly Lazy<CheckCatalogue> Catalogue = new(() => CheckCatalogue.Load(RepositoryLayout.Locate().CheckCatalogueFile));

    /// <summary>The verdict as reported for the check: a breach becomes its catalogue level's verdict.</summary>
    public static Verdict Reported(this Outcome outcome, string checkId)
    {
        var check = Catalogue.Value[checkId];
        return outcome.Judgement.AtLevel(check.Level, check.LevelDetail).Verdict;
    }

    // --- the metadata ---------------------------------------------------------------------------------

    public static JsonObject Document() => new()
    {
        ["issuer"] = "https://auth.example.org/",
        ["authorization_endpoint"] = "https://auth.example.org/authorize",
        ["token_endpoint"] = "https://auth.example.org/token",
        ["revocation_endpoint"] = "https://auth.example.org/revoke",
        ["registration_endpoint"] = "https://auth.example.org/register",
        ["response_types_supported"] = new JsonArray("code"),
        ["grant_types_supported"] = new JsonArray("authorization_code", "refresh_token"),
        ["response_modes_supported"] = new JsonArray("query", "fragment"),
        ["code_challenge_methods_supported"] = new JsonArray("S256"),
        ["account_management_uri"] = AccountUri,
        ["account_management_actions_supported"] = new JsonArray([.. Spec.Select(a => (JsonNode)a)]),
    };

    /// <summary>The conformant document with one member changed (null removes it).</summary>
    public static JsonObject Document(string member, JsonNode? value)
    {
        var doc = Document();
        if (value is null) doc.Remove(member);
        else doc[member] = value;
        return doc;
    }

    public static MatrixResponse MetadataAnswer(JsonObject doc) =>
        Json(200, doc.ToJsonString(), path: "/_matrix/client/v1/auth_metadata").WithHeaders(("Content-Type", "application/json"), ("Access-Control-Allow-Origin", "*"));

    public static MetadataObservations Metadata(JsonObject? doc = null)
    {
        doc ??= Document();
        return new MetadataObservations
        {
            Metadata = MetadataAnswer(doc),
            Document = doc,
            Options = Text(204, "", "text/plain", "OPTIONS", "/_matrix/client/v1/auth_metadata"),
            Login = Json(200, """{"flows":[{"type":"m.login.password"},{"type":"m.login.sso","oauth_aware_preferred":true}]}""", path: "/_matrix/client/v3/login"),
            UnstableMetadata = Error(404, "M_UNRECOGNIZED", path: "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata"),
            AuthIssuer = Error(404, "M_UNRECOGNIZED", path: "/_matrix/client/v1/auth_issuer"),
            WellKnown = Json(200, """{"m.homeserver":{"base_url":"http://127.0.0.1:8008"}}""", path: "/.well-known/matrix/client"),
        };
    }

    /// <summary>A server whose metadata wrongly wants a token: refused without one, served with one.</summary>
    public static MetadataObservations BehindAToken(int status = 401, string errcode = "M_MISSING_TOKEN") => Metadata() with
    {
        Metadata = Error(status, errcode, path: "/_matrix/client/v1/auth_metadata"),
        MetadataWithToken = MetadataAnswer(Document()),
    };

    public const string NoOAuthDetection = "GET /_matrix/client/v1/auth_metadata returned 404 M_UNRECOGNIZED";

    /// <summary>A server without the OAuth 2.0 API: the metadata answers 404 M_UNRECOGNIZED.</summary>
    public static MetadataObservations WithoutOAuth() => Metadata() with
    {
        Metadata = Error(404, "M_UNRECOGNIZED", path: "/_matrix/client/v1/auth_metadata"),
        Document = Observed.NotSeen<JsonObject>(Judgement.Skip("The server does not offer the OAuth 2.0 API.", NoOAuthDetection)),
    };

    // --- the deep links -------------------------------------------------------------------------------

    public static AccountManagementUrl Account(params string[] actions) => new(new Uri(AccountUri), actions.Length == 0 ? Spec : actions);

    public static MatrixResponse SignInRedirect() => Redirect("http://127.0.0.1:8008/login?next=%2Faccount%2F", path: "/account/");

    public static MatrixResponse Devices(params string[] ids) =>
        Json(200, new JsonObject { ["devices"] = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["device_id"] = id })]) }.ToJsonString(), path: "/_matrix/client/v3/devices");

    public static MatrixResponse Whoami() => Json(200, """{"user_id":"@am:hs"}""", path: "/_matrix/client/v3/account/whoami");

    public static MatrixResponse TokenGone() => Error(401, "M_UNKNOWN_TOKEN", path: "/_matrix/client/v3/account/whoami");

    public static DeepLinkObservations Links() => new()
    {
        Account = Account(),
        Actions = new ActionLinkAnswers
        {
            Profile = SignInRedirect(),
            DevicesList = SignInRedirect(),
            DeviceView = SignInRedirect(),
            DeviceDelete = SignInRedirect(),
            AccountDeactivate = SignInRedirect(),
            CrossSigningReset = SignInRedirect(),
            ExtraParameter = SignInRedirect(),
        },
        DeviceAction = SignInRedirect(),
        ProfileWithDeviceId = SignInRedirect(),
        UnknownAction = Text(200, "<html>Your account</html>", path: "/account/"),
        MissingDeviceId = SignInRedirect(),
        NoSession = new NoSessionAftermath(TargetDevice, Devices("DEV1", TargetDevice), Whoami(), Whoami()),
    };

    public static Observed<DeepLinkObservations> NoAccountUri() =>
        Observed.NotSeen<DeepLinkObservations>(Judgement.Skip("The server does not advertise a usable account_management_uri.", "the metadata has no account_management_uri"));

    // --- the browser ----------------------------------------------------------------------------------

    public static WebDefaults Words() => new()
    {
        ActionWords = new()
        {
            [DeviceDelete] = ["remove", "sign out"],
            [AccountDeactivate] = ["deactivate"],
            [CrossSigningReset] = ["reset"],
        },
        ConfirmationWords = ["confirm"],
    };

    public static PageView Page(string text, bool asksForPassword = false, params string[] controls) =>
        new() { Url = AccountUri, Text = text, AsksForPassword = asksForPassword, Controls = controls };

    private static readonly Judgement ReadOnly = Judgement.Inconclusive("The flow only reads the page.");

    public static BrowserFlow Flow(string action, LoadedPage loaded, bool device = false) => new()
    {
        Action = action,
        DeviceId = device ? TargetDevice : null,
        DeviceName = device ? "conformance " + TargetDevice : null,
        Loaded = loaded,
        Screenshots = [new Attachment($"{Short(action)}: loaded", $"screenshots/{Short(action)}-loaded.png", "image/png")],
    };

    public static LoadedPage ReadOnlyPage(PageView page) => new()
    {
        Page = page,
        AfterLoad = Observed.NotSeen<ActionState>(ReadOnly),
        Confirmed = Observed.NotSeen<Confirmation>(ReadOnly),
    };

    public static LoadedPage DeviceDeletePage() => new()
    {
        Page = Page($"Remove the device {TargetDevice}? Enter your password to confirm.", asksForPassword: true, "Remove"),
        AfterLoad = new DeviceState(Devices("DEV1", TargetDevice), Whoami()),
        Confirmed = new Confirmation(Page("The device was removed."), false, new DeviceState(Devices("DEV1"), TokenGone())),
    };

    public static LoadedPage AccountDeactivatePage() => new()
    {
        Page = Page("Deactivate your account? This cannot be undone.", asksForPassword: true, "Deactivate"),
        AfterLoad = new AccountState(Whoami()),
        Confirmed = new Confirmation(Page("Your account is deactivated."), false,
            new AccountState(TokenGone(), Error(403, "M_USER_DEACTIVATED", "POST", "/_matrix/client/v3/login"))),
    };

    public static BrowserObservations Browser() => new()
    {
        DeviceView = Flow(DeviceView, ReadOnlyPage(Page($"Device {TargetDevice}, last seen today")), device: true),
        DeviceDelete = Flow(DeviceDelete, DeviceDeletePage(), device: true),
        AccountDeactivate = Flow(AccountDeactivate, AccountDeactivatePage()),
        CrossSigningReset = Flow(CrossSigningReset, ReadOnlyPage(Page("Reset your cross-signing identity", false, "Reset"))),
    };

    public static Observed<BrowserFlow> NotAdvertised(string action) =>
        Observed.NotSeen<BrowserFlow>(Judgement.Skip($"{action} is not advertised.", "account_management_actions_supported does not list it"));

    public static Observed<BrowserObservations> NoBrowser() =>
        Observed.NotSeen<BrowserObservations>(Judgement.Skip("No browser to run the page checks in: no Chromium at /usr/bin/chromium.", "looked for Chromium at /usr/bin/chromium"));
}
