using Conformance.Harness.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.AccountManagement.Scenarios;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>The authorisation code grant and its scopes: the callback in both response modes with the
/// state, PKCE checked at the token endpoint, a code good once, no redirect to an unregistered URI, the
/// token answer's parts, the device the scope asked for, Client-Server API access, exactly one device
/// scope, and what the server does where the spec leaves it to the server.</summary>
public sealed class AuthorisationCodeGrant(AccountManagementSuite suite)
{
    private const string Authorize = "GET {authorization_endpoint}";
    private const string Token = "POST {token_endpoint} grant_type=authorization_code";
    private const string Whoami = "GET /_matrix/client/v3/account/whoami (OAuth token)";

    [Theory, Check("AZ-001"), NamedCases]
    public Task AZ001(ResponseMode @case) => suite.Context.JudgeAsync(@case, () => suite.CodeGrant, o => AZ001_CallbackInTheAskedMode(o, @case));

    [Theory, Check("AZ-002"), NamedCases]
    public Task AZ002(VerifierCase @case) => suite.Context.JudgeAsync(@case, () => suite.CodeGrant, o => AZ002_VerifierIsChecked(o, @case));

    [Theory, Check("AZ-003"), NamedCases]
    public Task AZ003(string @case) => suite.Context.JudgeAsync(@case, () => suite.CodeGrant, AZ003_CodeWorksOnce);

    [Theory, Check("AZ-004"), NamedCases]
    public Task AZ004(string @case) => suite.Context.JudgeAsync(@case, () => suite.CodeGrant, AZ004_NoRedirectToUnregisteredUri);

    [Theory, Check("AZ-005"), NamedCases]
    public Task AZ005(TokenAnswerPart @case) => suite.Context.JudgeAsync(@case, () => suite.CodeGrant, o => AZ005_TokenAnswer(o, @case));

    [Theory, Check("AZ-006"), NamedCases]
    public Task AZ006(string @case) => suite.Context.JudgeAsync(@case, () => suite.CodeGrant, AZ006_TheRequestedDevice);

    [Theory, Check("AZ-007"), NamedCases]
    public Task AZ007(string @case) => suite.Context.JudgeAsync(@case, () => suite.CodeGrant, AZ007_ClientServerApiAccess);

    [Theory, Check("AZ-008"), NamedCases]
    public Task AZ008(string @case) => suite.Context.JudgeAsync(@case, () => suite.CodeGrant, AZ008_OneDeviceScope);

    [Theory, Check("AZ-009"), NamedCases]
    public Task AZ009(OpenRequest @case) => suite.Context.JudgeAsync(@case, () => suite.CodeGrant, o => AZ009_RequestsLeftToTheServer(o, @case));

    /// <summary>The browser comes back with the code, and the state as sent, in the part of the URI the
    /// response mode asked for.</summary>
    public static Outcome AZ001_CallbackInTheAskedMode(Observed<CodeGrantObservations> o, ResponseMode mode)
    {
        if (!o.TryGet(out var g, out var why)) return new Outcome(Authorize, why);
        var flow = g.For(mode);
        var asked = mode == ResponseMode.Query ? "query" : "fragment";
        if (flow.Callback is not { } cb) return Outcome.Of(Authorize, Flows.NoCallback(flow), flow.Evidence);
        var j = cb.Code is null ? Judgement.Breach($"response_mode={asked}: the sign-in came back with {cb.Describe()}, not a code.")
            : cb.Mode != asked ? Judgement.Breach($"response_mode={asked}: the code came back in the {cb.Mode}.")
            : cb.State != flow.Request.State ? Judgement.Breach($"response_mode={asked}: the state came back as {(cb.State is null ? "nothing" : $"'{cb.State}'")}, not '{flow.Request.State}'.")
            : Judgement.Pass($"response_mode={asked}: the code and the state came back in the {asked}.");
        return Outcome.Of(Authorize, j, flow.Evidence);
    }

    /// <summary>RFC 7636: a code whose challenge the verifier does not meet gets no token.</summary>
    public static Outcome AZ002_VerifierIsChecked(Observed<CodeGrantObservations> o, VerifierCase c)
    {
        if (!o.TryGet(out var g, out var why)) return new Outcome(Token, why);
        var flow = g.For(c);
        var sent = c == VerifierCase.WrongVerifier ? "a code_verifier that is not the challenge's" : "no code_verifier";
        if (flow.Callback?.Code is null || flow.Token is null) return Outcome.Of(Token, Flows.NoToken(flow, "exchange"), flow.Evidence);
        var t = flow.Token;
        var j = Expect.Arrived(t)
            ?? (flow.AccessToken is not null ? Judgement.Breach($"The code was exchanged for a token with {sent}.")
                : Judgement.Pass($"With {sent}, the token endpoint answered {t.Status} {t.StringField("error") ?? t.Summary()}."));
        return Outcome.Of(Token, j, flow.Evidence);
    }

    /// <summary>RFC 6749 section 4.1.2: a code used twice is refused (fail otherwise), and the tokens it
    /// gave should be revoked (warn otherwise).</summary>
    public static Outcome AZ003_CodeWorksOnce(Observed<CodeGrantObservations> o)
    {
        if (!o.TryGet(out var g, out var why)) return new Outcome(Token, why);
        var (flow, second, after) = g.Reuse;
        if (second is null) return Outcome.Of(Token, Flows.NoToken(flow, "reuse a code for"), flow.Evidence);
        var j = Expect.Arrived(second, after)
            ?? (second.IsSuccess && second.StringField("access_token") is not null ? Judgement.Breach("The same code was exchanged twice for tokens.")
                : after!.IsSuccess ? Judgement.Warn($"A second exchange of the code was refused ({second.Status} {second.StringField("error")}), but the token the first gave still works; it should be revoked.")
                : Judgement.Pass($"A second exchange of the code was refused ({second.Status} {second.StringField("error")}), and the token the first gave was revoked ({after.Summary()})."));
        return Outcome.Of(Token, j, [.. flow.Evidence, second, after]);
    }

    /// <summary>RFC 6749 section 4.1.2.1 and the spec's strict redirect URIs: the browser is never sent to a
    /// redirect URI the client did not register.</summary>
    public static Outcome AZ004_NoRedirectToUnregisteredUri(Observed<CodeGrantObservations> o)
    {
        if (!o.TryGet(out var g, out var why)) return new Outcome(Authorize, why);
        var flow = g.OtherRedirect;
        var j = flow.Walk.End == Harness.OAuth.WalkEnd.NoAnswer ? Judgement.Error($"No answer during the authorisation: {flow.Walk.Describe()}.")
            : flow.Callback is { } cb ? Judgement.Breach($"The server sent the browser to {CodeGrantScenario.UnregisteredRedirectUri}, which no client registered, with {cb.Describe()}.")
            : Judgement.Pass($"The server did not send the browser to the unregistered {CodeGrantScenario.UnregisteredRedirectUri}: {flow.Walk.Describe()}.");
        return Outcome.Of(Authorize, j, flow.Evidence);
    }

    /// <summary>The token answer of the spec's flow: a refresh token (the server MUST issue one), the token
    /// type (Bearer) and expires_in, the access token's short life.</summary>
    public static Outcome AZ005_TokenAnswer(Observed<CodeGrantObservations> o, TokenAnswerPart part)
    {
        if (!o.TryGet(out var g, out var why)) return new Outcome(Token, why);
        var flow = g.Query;
        if (flow.AccessToken is null) return Outcome.Of(Token, Flows.NoToken(flow, "judge the answer of"), flow.Evidence);
        var doc = flow.Token!.Object!;
        var j = part switch
        {
            TokenAnswerPart.RefreshToken => Json.Str(doc["refresh_token"]) is { Length: > 0 } ? Judgement.Pass("The answer has a refresh_token.") : Judgement.Breach("The answer has no refresh_token; the server must issue one with the access token."),
            TokenAnswerPart.TokenType => string.Equals(Json.Str(doc["token_type"]), "Bearer", StringComparison.OrdinalIgnoreCase) ? Judgement.Pass($"token_type is {Json.Str(doc["token_type"])}.")
                : Judgement.Breach($"token_type is {Json.Text(doc["token_type"]) ?? "missing"}, not Bearer."),
            _ => doc["expires_in"] is { } e && e.GetValueKind() == System.Text.Json.JsonValueKind.Number && e.GetValue<double>() > 0 ? Judgement.Pass($"expires_in is {e.ToJsonString()} s.")
                : Judgement.Breach($"expires_in is {Json.Text(doc["expires_in"]) ?? "missing"}, so the client cannot tell when its short-lived token expires."),
        };
        return Outcome.Of(Token, j, flow.Evidence);
    }

    /// <summary>The urn:matrix:client:device: scope allocates that device: whoami names it, and the user's
    /// device list has it.</summary>
    public static Outcome AZ006_TheRequestedDevice(Observed<CodeGrantObservations> o)
    {
        if (!o.TryGet(out var g, out var why) || !g.QueryToken.TryGet(out var use, out why)) return new Outcome(Whoami, why);
        var asked = DeviceOf(g.Query);
        if (Expect.Arrived(use.Whoami, use.Devices) is { } lost) return Outcome.Of(Whoami, lost, use.Whoami, use.Devices);
        if (!use.Whoami.IsSuccess) return Outcome.Of(Whoami, Judgement.Inconclusive($"The token did not work ({use.Whoami.Summary()}), so its device is not known."), use.Whoami);
        var device = use.Whoami.StringField("device_id");
        var listed = (use.Devices.Object?["devices"] as System.Text.Json.Nodes.JsonArray)?.Any(d => Json.Str(d?["device_id"]) == asked);
        var j = device != asked ? Judgement.Breach($"The scope asked for device {asked}; whoami names {(device is null ? "no device" : device)}.")
            : listed == false ? Judgement.Breach($"whoami names device {asked}, but GET /devices does not list it.")
            : Judgement.Pass($"whoami names the requested device {asked}{(listed == true ? ", and GET /devices lists it" : "")}.");
        return Outcome.Of(Whoami, j, use.Whoami, use.Devices);
    }

    /// <summary>urn:matrix:client:api:* grants the Client-Server API: whoami answers for the signed-in
    /// user, and another read (GET /devices) works too.</summary>
    public static Outcome AZ007_ClientServerApiAccess(Observed<CodeGrantObservations> o)
    {
        if (!o.TryGet(out var g, out var why) || !g.QueryToken.TryGet(out var use, out why)) return new Outcome(Whoami, why);
        if (Expect.Arrived(use.Whoami, use.Devices) is { } lost) return Outcome.Of(Whoami, lost, use.Whoami, use.Devices);
        var j = !use.Whoami.IsSuccess ? Judgement.Breach($"whoami with the token answered {use.Whoami.Summary()}.")
            : use.Whoami.StringField("user_id") != g.UserId ? Judgement.Breach($"whoami names {use.Whoami.StringField("user_id")}, not the user who signed in ({g.UserId}).")
            : !use.Devices.IsSuccess ? Judgement.Breach($"GET /devices with the token answered {use.Devices.Summary()}: the scope grants the whole Client-Server API.")
            : Judgement.Pass($"The token works on the Client-Server API for {g.UserId} (whoami, GET /devices).");
        return Outcome.Of(Whoami, j, use.Whoami, use.Devices);
    }

    /// <summary>A login flow whose scope names two devices gets no token: there must be exactly one.</summary>
    public static Outcome AZ008_OneDeviceScope(Observed<CodeGrantObservations> o)
    {
        if (!o.TryGet(out var g, out var why)) return new Outcome(Authorize, why);
        var flow = g.TwoDevices;
        if (flow.Callback is null && !Flows.Refused(flow)) return Outcome.Of(Authorize, Flows.NoCallback(flow), flow.Evidence);
        if (flow.Token is { } t && Expect.Arrived(t) is { } lost) return Outcome.Of(Authorize, lost, flow.Evidence);
        var j = flow.AccessToken is not null ? Judgement.Breach("A scope with two urn:matrix:client:device: tokens got an access token.")
            : Judgement.Pass($"A scope with two device tokens got no token: {Flows.Outcome(flow)}.");
        return Outcome.Of(Authorize, j, flow.Evidence);
    }

    /// <summary>Records what the server does with a request without PKCE, or without a device scope: the
    /// spec makes the client send both, and does not say what the server does otherwise.</summary>
    public static Outcome AZ009_RequestsLeftToTheServer(Observed<CodeGrantObservations> o, OpenRequest request)
    {
        if (!o.TryGet(out var g, out var why)) return new Outcome(Authorize, why);
        var flow = g.For(request);
        if (flow.Walk.End == Harness.OAuth.WalkEnd.NoAnswer) return Outcome.Of(Authorize, Flows.NoCallback(flow), flow.Evidence);
        var outcome = Flows.Outcome(flow);
        var finding = outcome.StartsWith("refused", StringComparison.Ordinal) ? outcome : flow.AccessToken is not null ? "token issued" : outcome;
        return Outcome.Of(Authorize, Judgement.Info(finding, $"{(request == OpenRequest.WithoutPkce ? "Without code_challenge" : "With no device scope")}: {outcome}."), flow.Evidence);
    }

    private static string DeviceOf(CodeFlow flow) =>
        flow.Request.Scope.Split(' ').First(s => s.StartsWith(Harness.OAuth.AuthorizationRequest.DeviceScopePrefix, StringComparison.Ordinal))[Harness.OAuth.AuthorizationRequest.DeviceScopePrefix.Length..];
}
