using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.AccountManagement.Observations;

/// <summary>One dynamic client registration request, and the answer.</summary>
public sealed record Registration(JsonObject Sent, MatrixResponse Answer)
{
    /// <summary>The client ID of an accepted registration (any 2xx with one).</summary>
    public string? ClientId => Answer.IsSuccess ? Answer.StringField("client_id") : null;

    /// <summary>The server answered, and said no (4xx).</summary>
    public bool Refused => Answer.Arrived && Answer.Status is >= 400 and < 500;

    public string RedirectUri => Json.Strings(Sent["redirect_uris"]).FirstOrDefault() ?? "";
    public string ApplicationType => Json.Str(Sent["application_type"]) ?? "web";

    /// <summary>"201 (client_abc)", "400 invalid_redirect_uri: …": for reasons.</summary>
    public string Said() => ClientId is { } id ? $"{Answer.Status} ({id})"
        : Answer.StringField("error") is { } error ? $"{Answer.Status} {error}{(Answer.StringField("error_description") is { } d ? ": " + d : "")}"
        : Answer.Summary();
}

/// <summary>
/// What the registration endpoint answered: the suite's plainest native client and a plain web client
/// first; then, unless the server refused both (it keeps registration to clients it knows), the
/// variants: unknown grant and response types, the spec's invalid and valid redirect URIs, and client
/// URIs the server may refuse.
/// </summary>
public sealed record RegistrationObservations
{
    public required string Endpoint { get; init; }
    public required Registration Native { get; init; }
    public required Registration Web { get; init; }
    public required Observed<IReadOnlyDictionary<UnknownValue, Registration>> Unknown { get; init; }
    public required Observed<IReadOnlyDictionary<InvalidRedirect, Registration>> Invalid { get; init; }
    public required Observed<IReadOnlyDictionary<ValidRedirect, Registration>> Valid { get; init; }
    public required Observed<IReadOnlyDictionary<ClientUriCase, Registration>> ClientUri { get; init; }

    public Registration For(ClientKind kind) => kind == ClientKind.Native ? Native : Web;

    /// <summary>The skip a server that registers no client at all gets: neither the plainest native client
    /// nor a plain web client was registered, both refused with a 4xx answer. Dynamic registration is what
    /// the spec says clients "should" use, so a server may keep registration to the clients it knows.
    /// Null when either was registered (or either answer was not a refusal).</summary>
    public static Judgement? RefusedAltogether(string endpoint, Registration native, Registration web) =>
        native.Refused && web.Refused
            ? Judgement.Skip("The server refuses dynamic client registration: neither a native nor a web client was registered, so it keeps registration to clients it knows (the spec says clients \"should\" register dynamically).",
                $"POST {endpoint} with {native.Sent.ToJsonString()} answered {native.Said()}; with {web.Sent.ToJsonString()} answered {web.Said()}")
                .WithEvidence(native.Answer, web.Answer)
            : null;

    public Judgement? RefusedAltogether() => RefusedAltogether(Endpoint, Native, Web);
}

/// <summary>The two kinds of client every homeserver must support.</summary>
public enum ClientKind { Native, Web }

/// <summary>A grant type and a response type no server understands, sent beside the usual ones.</summary>
public enum UnknownValue { GrantType, ResponseType }

/// <summary>The spec's invalid redirect URIs (for the client URI https://example.com/), and the rules
/// that make them so: no fragment; web clients use https on the client URI's host, with no user or
/// password; native clients use the client URI's host in reverse-DNS as a scheme with no authority, or
/// loopback http with no port.</summary>
public enum InvalidRedirect
{
    WebFragment,
    WebHttp,
    WebHttpLocalhost,
    WebUserinfo,
    WebOtherHost,
    NativeSchemeNotReverseDns,
    NativeSchemeAuthority,
    NativeHttpsLocalhost,
    NativeLoopbackPort,
}

/// <summary>The spec's valid redirect URIs (for the client URI https://example.com/).</summary>
public enum ValidRedirect
{
    WebPath,
    WebSubdomain,
    WebPortQuery,
    NativeSchemePath,
    NativeSchemeRoot,
    NativeSchemeNoSlash,
    NativeLocalhost,
    NativeIpv4Loopback,
    NativeIpv6Loopback,
}

/// <summary>Client URIs the schema says a client must not send, which the server MAY refuse.</summary>
public enum ClientUriCase { Missing, Http }

/// <summary>The spec's example redirect URIs, as the registrations send them.</summary>
public static class RedirectUriExamples
{
    /// <summary>The client URI the spec's examples are written for.</summary>
    public const string ClientUri = "https://example.com/";

    public static (string ApplicationType, string RedirectUri) Of(InvalidRedirect c) => c switch
    {
        InvalidRedirect.WebFragment => ("web", "https://example.com/callback#fragment"),
        InvalidRedirect.WebHttp => ("web", "http://example.com/callback"),
        InvalidRedirect.WebHttpLocalhost => ("web", "http://localhost/"),
        InvalidRedirect.WebUserinfo => ("web", "https://user:pass@example.com/callback"),
        InvalidRedirect.WebOtherHost => ("web", "https://app.com/callback"),
        InvalidRedirect.NativeSchemeNotReverseDns => ("native", "example:/callback"),
        InvalidRedirect.NativeSchemeAuthority => ("native", "com.example.app://callback"),
        InvalidRedirect.NativeHttpsLocalhost => ("native", "https://localhost/callback"),
        InvalidRedirect.NativeLoopbackPort => ("native", "http://localhost:1234/callback"),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public static (string ApplicationType, string RedirectUri) Of(ValidRedirect c) => c switch
    {
        ValidRedirect.WebPath => ("web", "https://example.com/callback"),
        ValidRedirect.WebSubdomain => ("web", "https://app.example.com/callback"),
        ValidRedirect.WebPortQuery => ("web", "https://example.com:5173/?query=value"),
        ValidRedirect.NativeSchemePath => ("native", "com.example.app:/callback"),
        ValidRedirect.NativeSchemeRoot => ("native", "com.example:/"),
        ValidRedirect.NativeSchemeNoSlash => ("native", "com.example:callback"),
        ValidRedirect.NativeLocalhost => ("native", "http://localhost/callback"),
        ValidRedirect.NativeIpv4Loopback => ("native", "http://127.0.0.1/callback"),
        ValidRedirect.NativeIpv6Loopback => ("native", "http://[::1]/callback"),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };
}
