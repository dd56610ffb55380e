using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.AccountManagement.Observations;

/// <summary>
/// The authorisation code grant, each flow signed in as the same user on a device of its own: the flow
/// the spec describes in both response modes, a loopback redirect URI on another port, the token
/// endpoint given a wrong or no PKCE verifier, a code used twice, an unregistered redirect URI, two device
/// scopes, and the requests whose handling the spec leaves to the server (no PKCE, no device scope).
/// </summary>
public sealed record CodeGrantObservations
{
    public required OAuthClientUsed Client { get; init; }
    /// <summary>The signed-in user.</summary>
    public required string UserId { get; init; }
    /// <summary>The flow as the spec describes it (response_mode=query), its code exchanged.</summary>
    public required CodeFlow Query { get; init; }
    /// <summary>GET /account/whoami and GET /devices with the query flow's token; not seen when it issued none.</summary>
    public required Observed<TokenUse> QueryToken { get; init; }
    /// <summary>The same with response_mode=fragment, its code exchanged.</summary>
    public required CodeFlow Fragment { get; init; }
    /// <summary>The registered loopback redirect URI on another port, its code exchanged with that URI; not
    /// seen (skip) when the client's redirect URI is not a loopback URI the suite registered without a port.</summary>
    public required Observed<CodeFlow> AnyPort { get; init; }
    /// <summary>The code exchanged with a verifier that is not the challenge's.</summary>
    public required CodeFlow WrongVerifier { get; init; }
    /// <summary>The code exchanged with no verifier.</summary>
    public required CodeFlow MissingVerifier { get; init; }
    public required CodeReuse Reuse { get; init; }
    /// <summary>A redirect URI nobody registered (walked, never exchanged).</summary>
    public required CodeFlow OtherRedirect { get; init; }
    /// <summary>A scope with two device tokens, its code exchanged when one came back.</summary>
    public required CodeFlow TwoDevices { get; init; }
    /// <summary>No code_challenge at all, its code exchanged (without a verifier) when one came back.</summary>
    public required CodeFlow WithoutPkce { get; init; }
    /// <summary>A scope with no device token, its code exchanged when one came back.</summary>
    public required CodeFlow WithoutDeviceScope { get; init; }

    public CodeFlow For(ResponseMode mode) => mode == ResponseMode.Query ? Query : Fragment;
    public CodeFlow For(VerifierCase c) => c == VerifierCase.WrongVerifier ? WrongVerifier : MissingVerifier;
    public CodeFlow For(OpenRequest r) => r == OpenRequest.WithoutPkce ? WithoutPkce : WithoutDeviceScope;
}

/// <summary>What the API says of a token the grant issued: whoami, and the user's device list.</summary>
public sealed record TokenUse(MatrixResponse Whoami, MatrixResponse Devices);

/// <summary>A code exchanged once (the first answer), again (the second), and whoami with the first
/// token after the second attempt.</summary>
public sealed record CodeReuse(CodeFlow Flow, MatrixResponse? Second, MatrixResponse? WhoamiAfter);

/// <summary>The two response modes a server must honour.</summary>
public enum ResponseMode { Query, Fragment }

/// <summary>A code exchanged with the wrong PKCE verifier, or with none.</summary>
public enum VerifierCase { WrongVerifier, MissingVerifier }

/// <summary>The parts of the token answer the spec names.</summary>
public enum TokenAnswerPart { RefreshToken, TokenType, ExpiresIn }

/// <summary>Requests whose handling the spec leaves to the server.</summary>
public enum OpenRequest { WithoutPkce, WithoutDeviceScope }
