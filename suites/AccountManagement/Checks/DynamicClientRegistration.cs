using Conformance.Harness.Checks;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.AccountManagement.Scenarios;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>Dynamic client registration: web and native public clients are registered (201, a client ID,
/// the metadata echoed), unknown grant and response types are ignored, the spec's invalid redirect URIs
/// are refused with an RFC 7591 error and its valid ones accepted, a loopback redirect URI works on any
/// port, and what the server does with client URIs it may refuse. A server that registers no client at
/// all (it keeps registration to clients it knows) makes them all skip.</summary>
public sealed class DynamicClientRegistration(AccountManagementSuite suite)
{
    private const string Subject = "POST {registration_endpoint}";
    private const string AuthorizeSubject = "GET {authorization_endpoint} (loopback redirect URI on another port)";

    /// <summary>The registration errors RFC 7591 section 3.2.2 defines.</summary>
    public static readonly string[] RegistrationErrors = ["invalid_redirect_uri", "invalid_client_metadata", "invalid_software_statement", "unapproved_software_statement"];

    [Theory, Check("DCR-001"), NamedCases]
    public Task DCR001(ClientKind @case) => suite.Context.JudgeAsync(@case, () => suite.Registration, o => DCR001_ClientsAreRegistered(o, @case));

    [Theory, Check("DCR-002"), NamedCases]
    public Task DCR002(ClientKind @case) => suite.Context.JudgeAsync(@case, () => suite.Registration, o => DCR002_MetadataIsEchoed(o, @case));

    [Theory, Check("DCR-003"), NamedCases]
    public Task DCR003(UnknownValue @case) => suite.Context.JudgeAsync(@case, () => suite.Registration, o => DCR003_UnknownValuesAreIgnored(o, @case));

    [Theory, Check("DCR-004"), NamedCases]
    public Task DCR004(InvalidRedirect @case) => suite.Context.JudgeAsync(@case, () => suite.Registration, o => DCR004_InvalidRedirectUrisAreRefused(o, @case));

    [Theory, Check("DCR-005"), NamedCases]
    public Task DCR005(ValidRedirect @case) => suite.Context.JudgeAsync(@case, () => suite.Registration, o => DCR005_ValidRedirectUrisAreAccepted(o, @case));

    [Theory, Check("DCR-006"), NamedCases]
    public Task DCR006(string @case) => suite.Context.JudgeAsync(@case, () => suite.Registration, DCR006_RefusalsAreRegistrationErrors);

    [Theory, Check("DCR-007"), NamedCases]
    public Task DCR007(string @case) => suite.Context.JudgeAsync(@case, () => suite.CodeGrant, DCR007_LoopbackOnAnyPort);

    [Theory, Check("DCR-008"), NamedCases]
    public Task DCR008(ClientUriCase @case) => suite.Context.JudgeAsync(@case, () => suite.Registration, o => DCR008_ClientUriLeniency(o, @case));

    public static Outcome DCR001_ClientsAreRegistered(Observed<RegistrationObservations> o, ClientKind kind) => Judge(o, r =>
    {
        var reg = r.For(kind);
        var a = reg.Answer;
        return Outcome.Of(Subject, Expect.Arrived(a)
            ?? (reg.ClientId is { } id && a.Status == 201 ? Judgement.Pass($"A {reg.ApplicationType} client was registered{(kind == ClientKind.Native ? $" with {ClientRegistration.Plainest}" : "")}: 201 with client_id {id}.")
                : reg.ClientId is not null ? Judgement.Breach($"A {reg.ApplicationType} client was registered, but the answer was {a.Status}, not 201 Created.")
                : a.IsSuccess ? Judgement.Breach($"The registration of a {reg.ApplicationType} client answered {a.Status} without a client_id.")
                : Judgement.Breach($"The server refused to register a {reg.ApplicationType} client ({reg.Said()}), which every homeserver must support.")), a);
    });

    /// <summary>The answer holds the metadata as registered: the redirect URIs, and, where it names them,
    /// the same application type and token_endpoint_auth_method none (which the server must support).</summary>
    public static Outcome DCR002_MetadataIsEchoed(Observed<RegistrationObservations> o, ClientKind kind) => Judge(o, r =>
    {
        var reg = r.For(kind);
        var a = reg.Answer;
        if (Expect.Arrived(a) is { } lost) return Outcome.Of(Subject, lost, a);
        if (reg.ClientId is null) return Outcome.Of(Subject, Judgement.Inconclusive($"The {reg.ApplicationType} client was not registered ({reg.Said()}), so nothing was echoed."), a);
        var doc = a.Object!;
        var problems = new List<string>();
        if (Json.ArrayOfStrings(doc["redirect_uris"]) is not { } uris) problems.Add("no redirect_uris");
        else if (!uris.Order(StringComparer.Ordinal).SequenceEqual(Json.Strings(reg.Sent["redirect_uris"]).Order(StringComparer.Ordinal)))
            problems.Add($"redirect_uris {Json.Text(doc["redirect_uris"])} instead of the registered {Json.Text(reg.Sent["redirect_uris"])}");
        if (doc.ContainsKey("application_type") && Json.Str(doc["application_type"]) != reg.ApplicationType) problems.Add($"application_type {Json.Text(doc["application_type"])}");
        if (doc.ContainsKey("token_endpoint_auth_method") && Json.Str(doc["token_endpoint_auth_method"]) != "none") problems.Add($"token_endpoint_auth_method {Json.Text(doc["token_endpoint_auth_method"])}");
        var echoed = reg.Sent.Select(p => p.Key).Where(doc.ContainsKey).ToList();
        return Outcome.Of(Subject, problems.Count == 0
            ? Judgement.Pass($"The answer echoes the registered metadata ({string.Join(", ", echoed)}).")
            : Judgement.Breach($"The answer to a registered {reg.ApplicationType} client has {string.Join("; ", problems)}."), a);
    });

    public static Outcome DCR003_UnknownValuesAreIgnored(Observed<RegistrationObservations> o, UnknownValue value) => Variant(o, r => r.Unknown, value, reg =>
    {
        var member = value == UnknownValue.GrantType ? "grant_types" : "response_types";
        var unknown = Json.Strings(reg.Sent[member]).Last();
        return reg.ClientId is not null
            ? Judgement.Pass($"The client was registered with {unknown} in {member} ({(Json.Strings(reg.Answer.Object?[member]).Contains(unknown) ? "echoed" : "left out of the answer")}).")
            : Judgement.Breach($"The server refused a client whose {member} included {unknown} ({reg.Said()}); it must ignore values it does not understand.");
    });

    public static Outcome DCR004_InvalidRedirectUrisAreRefused(Observed<RegistrationObservations> o, InvalidRedirect c) => Variant(o, r => r.Invalid, c, reg =>
        reg.Refused ? Judgement.Pass($"{reg.RedirectUri} was refused for a {reg.ApplicationType} client ({reg.Said()}).")
            : reg.ClientId is not null ? Judgement.Breach($"{reg.RedirectUri} was registered for a {reg.ApplicationType} client of {RedirectUriExamples.ClientUri}; the spec lists it as invalid.")
            : Judgement.Breach($"The registration with {reg.RedirectUri} answered {reg.Said()} instead of refusing it."));

    public static Outcome DCR005_ValidRedirectUrisAreAccepted(Observed<RegistrationObservations> o, ValidRedirect c) => Variant(o, r => r.Valid, c, reg =>
        reg.ClientId is not null ? Judgement.Pass($"{reg.RedirectUri} was registered for a {reg.ApplicationType} client.")
            : Judgement.Breach($"{reg.RedirectUri} was not registered for a {reg.ApplicationType} client of {RedirectUriExamples.ClientUri} ({reg.Said()}); the spec lists it as valid."));

    /// <summary>Every refusal of an invalid redirect URI is RFC 7591's error answer: 400 with a JSON
    /// object whose error is one of its codes (fail otherwise); invalid_redirect_uri is the code that
    /// names the problem (warn for another).</summary>
    public static Outcome DCR006_RefusalsAreRegistrationErrors(Observed<RegistrationObservations> o) => Judge(o, r =>
    {
        if (!r.Invalid.TryGet(out var invalid, out var why)) return new Outcome(Subject, why);
        var refusals = invalid.Values.Where(reg => reg.Refused).ToList();
        if (refusals.Count == 0) return Outcome.Of(Subject, Judgement.Inconclusive("No invalid redirect URI was refused, so there is no error answer to judge."), invalid.Values.Select(v => v.Answer));
        var malformed = refusals.FirstOrDefault(reg => reg.Answer.Status != 400 || reg.Answer.Object is null || !RegistrationErrors.Contains(reg.Answer.StringField("error")));
        if (malformed is not null)
            return Outcome.Of(Subject, Judgement.Breach($"The refusal of {malformed.RedirectUri} answered {malformed.Answer.Status} {Expect.Body(malformed.Answer)}; RFC 7591 asks for 400 with a JSON object whose error is one of {string.Join(", ", RegistrationErrors)}."), malformed.Answer);
        var imprecise = refusals.FirstOrDefault(reg => reg.Answer.StringField("error") != "invalid_redirect_uri");
        return imprecise is null
            ? Outcome.Of(Subject, Judgement.Pass($"All {refusals.Count} refusals answered 400 invalid_redirect_uri."), refusals[0].Answer)
            : Outcome.Of(Subject, Judgement.Warn($"The refusal of {imprecise.RedirectUri} answered 400 {imprecise.Answer.StringField("error")}; invalid_redirect_uri is the code for a redirect URI."), imprecise.Answer);
    });

    /// <summary>The loopback redirect URI the suite registered without a port, used on another port: the
    /// server must send the code there and take it with that redirect URI.</summary>
    public static Outcome DCR007_LoopbackOnAnyPort(Observed<CodeGrantObservations> o)
    {
        if (!o.TryGet(out var grant, out var why) || !grant.AnyPort.TryGet(out var flow, out why)) return new Outcome(AuthorizeSubject, why);
        var port = new Uri(flow.Request.RedirectUri).Port;
        if (flow.Callback is null) return Outcome.Of(AuthorizeSubject, Flows.NoCallback(flow), flow.Evidence);
        var j = flow.Callback.Code is null ? Judgement.Breach($"The authorisation with {flow.Request.RedirectUri} came back with {flow.Callback.Describe()}.")
            : Expect.Arrived(flow.Token) is { } lost ? lost
            : flow.AccessToken is not null ? Judgement.Pass($"The code came back on port {port}, and the token endpoint took it with that redirect URI.")
            : Judgement.Breach($"The code came back on port {port}, but the token endpoint refused it with that redirect URI ({flow.Token!.Summary()} {flow.Token.StringField("error")}).");
        return Outcome.Of(AuthorizeSubject, j, flow.Evidence);
    }

    /// <summary>Records whether a client without a client URI, or with an http one, is registered: the
    /// server MAY refuse either.</summary>
    public static Outcome DCR008_ClientUriLeniency(Observed<RegistrationObservations> o, ClientUriCase c) => Variant(o, r => r.ClientUri, c, reg =>
        reg.ClientId is not null ? Judgement.Info("accepted", $"A client with {(c == ClientUriCase.Missing ? "no client_uri" : "client_uri " + Json.Str(reg.Sent["client_uri"]))} was registered.")
            : Judgement.Info($"refused: {reg.Answer.StringField("error") ?? reg.Answer.Summary()}", $"A client with {(c == ClientUriCase.Missing ? "no client_uri" : "client_uri " + Json.Str(reg.Sent["client_uri"]))} was refused ({reg.Said()})."));

    private static Outcome Judge(Observed<RegistrationObservations> o, Func<RegistrationObservations, Outcome> judge)
    {
        if (!o.TryGet(out var r, out var why)) return new Outcome(Subject, why);
        return r.RefusedAltogether() is { } refused ? new Outcome(Subject, refused) : judge(r);
    }

    private static Outcome Variant<TCase>(Observed<RegistrationObservations> o, Func<RegistrationObservations, Observed<IReadOnlyDictionary<TCase, Registration>>> part, TCase c,
        Func<Registration, Judgement> judge) where TCase : notnull => Judge(o, r =>
    {
        if (!part(r).TryGet(out var registrations, out var why)) return new Outcome(Subject, why);
        var reg = registrations[c];
        return Outcome.Of(Subject, Expect.Arrived(reg.Answer) ?? judge(reg), reg.Answer);
    });
}
