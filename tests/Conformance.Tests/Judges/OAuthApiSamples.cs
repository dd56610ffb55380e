using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Observations;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>Hand-made observations of a server whose OAuth 2.0 API gets everything right (registration,
/// the code grant, refresh, revocation, the device grant, the SSO login, the m.oauth stage), for the
/// judges' tests to change one thing at a time.</summary>
public static class OAuthApiSamples
{
    public const string User = "@oauth:hs";
    public const string ClientId = "client_1";
    public const string RedirectUri = "http://127.0.0.1/callback";
    public const string Endpoint = "https://auth.example.org/register";
    public const string State = "st4te";

    // --- registration ---------------------------------------------------------------------------------

    public static Registration Registered(JsonObject sent) =>
        new(sent, Json(201, Echo(sent).ToJsonString(), "POST", "/register"));

    public static Registration Refused(JsonObject sent, string error = "invalid_redirect_uri", int status = 400) =>
        new(sent, Json(status, $$"""{"error":"{{error}}","error_description":"no"}""", "POST", "/register"));

    public static JsonObject Echo(JsonObject sent)
    {
        var echo = (JsonObject)sent.DeepClone();
        echo["client_id"] = ClientId;
        return echo;
    }

    public static JsonObject Example(InvalidRedirect c) => Client(RedirectUriExamples.Of(c));
    public static JsonObject Example(ValidRedirect c) => Client(RedirectUriExamples.Of(c));

    private static JsonObject Client((string Type, string Uri) e) => e.Type == "web"
        ? ClientRegistration.Web(RedirectUriExamples.ClientUri, e.Uri)
        : ClientRegistration.Native(RedirectUriExamples.ClientUri, e.Uri);

    public static RegistrationObservations Registrations() => new()
    {
        Endpoint = Endpoint,
        Native = Registered(ClientRegistration.Request(RedirectUri)),
        Web = Registered(ClientRegistration.Web(ClientRegistration.ClientUri, ClientRegistration.ClientUri + "callback")),
        Unknown = Observed.Of<IReadOnlyDictionary<UnknownValue, Registration>>(new Dictionary<UnknownValue, Registration>
        {
            [UnknownValue.GrantType] = Registered(With(ClientRegistration.Request(RedirectUri), "grant_types", "urn:example:unknown")),
            [UnknownValue.ResponseType] = Registered(With(ClientRegistration.Request(RedirectUri), "response_types", "urn:example:unknown")),
        }),
        Invalid = Observed.Of<IReadOnlyDictionary<InvalidRedirect, Registration>>(Enum.GetValues<InvalidRedirect>().ToDictionary(c => c, c => Refused(Example(c)))),
        Valid = Observed.Of<IReadOnlyDictionary<ValidRedirect, Registration>>(Enum.GetValues<ValidRedirect>().ToDictionary(c => c, c => Registered(Example(c)))),
        ClientUri = Observed.Of<IReadOnlyDictionary<ClientUriCase, Registration>>(new Dictionary<ClientUriCase, Registration>
        {
            [ClientUriCase.Missing] = Refused(ClientRegistration.Request(RedirectUri), "invalid_client_metadata"),
            [ClientUriCase.Http] = Refused(ClientRegistration.Native("http://conformance.example.org/", RedirectUri), "invalid_client_metadata"),
        }),
    };

    public static JsonObject With(JsonObject body, string member, string value)
    {
        ((JsonArray)body[member]!).Add(value);
        return body;
    }

    /// <summary>A server that refuses every registration, as a server with known clients only does.</summary>
    public static RegistrationObservations RefusingAll()
    {
        var refused = RegistrationObservations.RefusedAltogether(Endpoint, Refused(ClientRegistration.Request(RedirectUri), "invalid_client_metadata"),
            Refused(ClientRegistration.Web(ClientRegistration.ClientUri, ClientRegistration.ClientUri + "callback"), "invalid_client_metadata"))!;
        return Registrations() with
        {
            Native = Refused(ClientRegistration.Request(RedirectUri), "invalid_client_metadata"),
            Web = Refused(ClientRegistration.Web(ClientRegistration.ClientUri, ClientRegistration.ClientUri + "callback"), "invalid_client_metadata"),
            Unknown = Observed.NotSeen<IReadOnlyDictionary<UnknownValue, Registration>>(refused),
            Invalid = Observed.NotSeen<IReadOnlyDictionary<InvalidRedirect, Registration>>(refused),
            Valid = Observed.NotSeen<IReadOnlyDictionary<ValidRedirect, Registration>>(refused),
            ClientUri = Observed.NotSeen<IReadOnlyDictionary<ClientUriCase, Registration>>(refused),
        };
    }

    public static readonly Judgement NoOAuth = Judgement.Skip("The server does not offer the OAuth 2.0 API.", AccountManagementSamples.NoOAuthDetection);

    // --- the code grant -------------------------------------------------------------------------------

    public static AuthorizationRequest Request(string device, string mode = "query", string redirectUri = RedirectUri) => new()
    {
        ClientId = ClientId,
        RedirectUri = redirectUri,
        Scope = AuthorizationRequest.ScopeFor(device),
        State = State,
        CodeChallenge = "challenge",
        ResponseMode = mode,
    };

    public static MatrixResponse SignInPage() => Text(200, "<form method=post><input name=username><input type=password name=password></form>", path: "/oauth2/authorize");

    public static MatrixResponse TokenAnswer(string access = "at1", string refresh = "rt1") =>
        Json(200, $$"""{"access_token":"{{access}}","token_type":"Bearer","expires_in":300,"refresh_token":"{{refresh}}"}""", "POST", "/oauth2/token");

    public static MatrixResponse OAuthError(string error, int status = 400, string path = "/oauth2/token") =>
        Json(status, $$"""{"error":"{{error}}"}""", "POST", path);

    /// <summary>A flow that came back to <paramref name="location"/>.</summary>
    public static CodeFlow Back(AuthorizationRequest request, string location, MatrixResponse? token) =>
        new(request, new PageWalk([SignInPage(), Redirect(location, method: "POST", path: "/oauth2/authorize")], WalkEnd.Destination, new Uri(location), 0), Callback.Of(new Uri(location))) { Token = token };

    /// <summary>The spec's flow: the code and the state back in the asked part, the code exchanged.</summary>
    public static CodeFlow SignedIn(string device, string mode = "query", MatrixResponse? token = null) =>
        Back(Request(device, mode), RedirectUri + (mode == "query" ? "?" : "#") + $"code=c0de&state={State}", token ?? TokenAnswer());

    /// <summary>A flow the server refused with an error redirect.</summary>
    public static CodeFlow RefusedBack(string device, string error = "invalid_request") =>
        Back(Request(device), RedirectUri + $"?error={error}&state={State}", null);

    /// <summary>A flow that ended on a page: 400 (a refusal), 200 with no form (a page the suite cannot use), 500.</summary>
    public static CodeFlow EndedOn(string device, int status, WalkEnd end = WalkEnd.NoForm, string redirectUri = RedirectUri) =>
        new(Request(device, redirectUri: redirectUri), new PageWalk([Text(status, "<p>no</p>", path: "/oauth2/authorize")], end, null, 0), null);

    public static MatrixResponse Whoami(string device, string user = User) =>
        Json(200, $$"""{"user_id":"{{user}}","device_id":"{{device}}"}""", path: "/_matrix/client/v3/account/whoami");

    public static readonly MatrixResponse UnknownToken = Error(401, "M_UNKNOWN_TOKEN", path: "/_matrix/client/v3/account/whoami");

    public static CodeGrantObservations CodeGrant() => new()
    {
        Client = new OAuthClientUsed(ClientId, RedirectUri, Json(201, "{}", "POST", "/register")),
        UserId = User,
        Query = SignedIn("DEVQUERY00"),
        QueryToken = new TokenUse(Whoami("DEVQUERY00"), AccountManagementSamples.Devices("DEVQUERY00")),
        Fragment = SignedIn("DEVFRAGMNT", "fragment"),
        AnyPort = Back(Request("DEVANYPORT", redirectUri: "http://127.0.0.1:49217/callback"), $"http://127.0.0.1:49217/callback?code=c0de&state={State}", TokenAnswer()),
        WrongVerifier = SignedIn("DEVWRONGVR", token: OAuthError("invalid_grant")),
        MissingVerifier = SignedIn("DEVMISSING", token: OAuthError("invalid_grant")),
        Reuse = new CodeReuse(SignedIn("DEVREUSE00"), OAuthError("invalid_grant"), UnknownToken),
        OtherRedirect = EndedOn("DEVOTHER00", 400, redirectUri: "https://unregistered.example.net/callback"),
        TwoDevices = RefusedBack("DEVTWO0000", "invalid_scope"),
        WithoutPkce = RefusedBack("DEVNOPKCE0"),
        WithoutDeviceScope = RefusedBack("DEVNODEVIC", "invalid_scope"),
    };

    // --- refresh and revocation -----------------------------------------------------------------------

    public static SignedIn Session(string device) => new(SignedIn(device, token: TokenAnswer("at-" + device, "rt-" + device)), Whoami(device));

    public static RefreshObservations Refresh() => new(
        new RefreshRetry(Session("DEVRETRY00"), TokenAnswer("at2", "rt2"), TokenAnswer("at3", "rt3"), Whoami("DEVRETRY00")),
        new RefreshRotation(Session("DEVROTATE0"), TokenAnswer("at2", "rt2"), Whoami("DEVROTATE0"), OAuthError("invalid_grant"), UnknownToken));

    public static Revocation Revoked(string device, string what = "the access token") =>
        new(Session(device), what, Json(200, "", "POST", "/oauth2/revoke"), UnknownToken, OAuthError("invalid_grant"));

    public static RevocationObservations Revocations() => new()
    {
        ByAccessToken = Revoked("DEVREVACC0"),
        ByRefreshToken = Revoked("DEVREVREF0", "the refresh token"),
        WithoutClientId = Revoked("DEVREVNOCL"),
        OtherClientId = Revoked("DEVREVOTHR"),
        AlreadyRevoked = Json(200, "", "POST", "/oauth2/revoke"),
        Unknown = Json(200, "", "POST", "/oauth2/revoke"),
        MissingToken = OAuthError("invalid_request", path: "/oauth2/revoke"),
    };

    // --- the device grant -----------------------------------------------------------------------------

    public static MatrixResponse DeviceAnswer(string? drop = null)
    {
        var doc = new JsonObject
        {
            ["device_code"] = "dc",
            ["user_code"] = "WDJB-MJHT",
            ["verification_uri"] = "https://auth.example.org/link",
            ["verification_uri_complete"] = "https://auth.example.org/link?user_code=WDJB-MJHT",
            ["expires_in"] = 1800,
            ["interval"] = 5,
        };
        if (drop is not null) doc.Remove(drop);
        return Json(200, doc.ToJsonString(), "POST", "/oauth2/device");
    }

    public static PageWalk Approved() => new([SignInPage(), Text(200, "<form method=post><button>Allow</button></form>", "text/html", "POST", "/link"), Text(200, "<p>Device approved</p>", "text/html", "POST", "/link/approve")], WalkEnd.NoForm, null, 1);

    public static DeviceGrantObservations DeviceGrant() => new()
    {
        Client = new OAuthClientUsed(ClientId, RedirectUri, null),
        UserId = User,
        Authorization = DeviceAnswer(),
        PendingPoll = OAuthError("authorization_pending"),
        UnknownPoll = OAuthError("invalid_grant"),
        Approved = new DeviceApproval("DEVDEVICE0", DeviceAnswer(), Approved(), TokenAnswer(), Whoami("DEVDEVICE0")),
    };

    // --- the OAuth 2.0 aware server -------------------------------------------------------------------

    public const string SsoCallback = "http://127.0.0.1/conformance-sso-callback";

    public static OAuthAwareObservations OAuthAware() => new()
    {
        RedirectLogin = Redirect("https://auth.example.org/login?action=login", path: "/_matrix/client/v3/login/sso/redirect"),
        RedirectRegister = Redirect("https://auth.example.org/register", path: "/_matrix/client/v3/login/sso/redirect"),
        Login = new SsoLogin(SsoCallback,
            new PageWalk([SignInPage(), Redirect(SsoCallback + "?loginToken=lt", method: "POST", path: "/sso/login")], WalkEnd.Destination, new Uri(SsoCallback + "?loginToken=lt"), 0),
            "lt", Json(200, """{"access_token":"at","user_id":"@oauth:hs","device_id":"SSO"}""", "POST", "/_matrix/client/v3/login"), Whoami("SSO")),
    };

    // --- the m.oauth stage ----------------------------------------------------------------------------

    public static MatrixResponse Challenge(string url = "https://auth.example.org/account/?action=org.matrix.cross_signing_reset", params string[] stages) =>
        Json(401, new JsonObject
        {
            ["flows"] = new JsonArray([.. (stages.Length == 0 ? ["m.oauth"] : stages).Select(s => (JsonNode)new JsonObject { ["stages"] = new JsonArray(s) })]),
            ["params"] = new JsonObject { ["m.oauth"] = new JsonObject { ["url"] = url } },
            ["session"] = "uia1",
        }.ToJsonString(), "POST", "/_matrix/client/v3/keys/device_signing/upload");

    public static readonly MatrixResponse Uploaded = Json(200, "{}", "POST", "/_matrix/client/v3/keys/device_signing/upload");

    public static PageWalk ApprovedReset() =>
        new([SignInPage(), Text(200, "<p>Reset approved</p>", "text/html", "POST", "/account/cross-signing/reset")], WalkEnd.NoForm, null, 1);

    public static CrossSigningReplacement CrossSigning() => new(Uploaded, Challenge())
    {
        SessionBeforeApproval = Challenge(),
        Approval = ApprovedReset(),
        SessionAfterApproval = Uploaded,
        DeleteDevice = Json(401, """{"flows":[{"stages":["m.login.password"]}],"session":"s2"}""", "DELETE", "/_matrix/client/v3/devices/D2"),
    };
}
