using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Common;

namespace Conformance.Suites.AccountManagement.Observations;

/// <summary>Everything about discovery that needs no user: the metadata asked for without a token, an
/// OPTIONS pre-flight, GET /login, and the legacy and unstable discovery forms.</summary>
public sealed record MetadataObservations
{
    /// <summary>GET /_matrix/client/v1/auth_metadata with no token.</summary>
    public required MatrixResponse Metadata { get; init; }
    /// <summary>The metadata document; not seen (skip, with how that was found) when the server does not
    /// offer the OAuth 2.0 API.</summary>
    public required Observed<JsonObject> Document { get; init; }
    /// <summary>A browser's CORS pre-flight of the metadata.</summary>
    public required MatrixResponse Options { get; init; }
    public required MatrixResponse Login { get; init; }
    public required MatrixResponse UnstableMetadata { get; init; }
    public required MatrixResponse AuthIssuer { get; init; }
    public required MatrixResponse WellKnown { get; init; }

    /// <summary>The account management URL and its actions, read from the document; not seen (skip) when
    /// there is no OAuth 2.0 API or no usable account_management_uri.</summary>
    public Observed<AccountManagementUrl> AccountManagement => Document.TryGet(out var doc, out var why)
        ? AccountManagementUrl.From(doc)
        : Observed.NotSeen<AccountManagementUrl>(why);
}

/// <summary>The advertised account management URL, when it is an absolute http(s) URI, and the advertised
/// actions (none when they are not an array of strings).</summary>
public sealed record AccountManagementUrl(Uri Uri, IReadOnlyList<string> Actions)
{
    public const string UriField = "account_management_uri";
    public const string ActionsField = "account_management_actions_supported";

    public bool Advertises(string action) => Actions.Contains(action);

    /// <summary>"account_management_actions_supported: a, b", the detection of a skip for an action not advertised.</summary>
    public string ActionsAdvertised => $"{ActionsField}: {string.Join(", ", Actions)}";

    public static Observed<AccountManagementUrl> From(JsonObject document)
    {
        if (Json.Str(document[UriField]) is { } s && Uri.TryCreate(s, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return new AccountManagementUrl(uri, Json.ArrayOfStrings(document[ActionsField]) ?? []);
        return Observed.NotSeen<AccountManagementUrl>(Judgement.Skip($"The server does not advertise a usable {UriField}.",
            document.ContainsKey(UriField) ? $"{UriField} is {document[UriField]?.ToJsonString()}" : $"the metadata has no {UriField}"));
    }
}

/// <summary>The two sign-in APIs a server may leave out, which then answer 404 M_UNRECOGNIZED.</summary>
public enum OfferedApi
{
    [Case("auth_metadata")] AuthMetadata,
    Login,
}

/// <summary>How a web client reaches the metadata: the pre-flight, and the CORS header on the answer.</summary>
public enum MetadataAccess { Options, Cors }

/// <summary>The discovery forms that came before the stable metadata endpoint.</summary>
public enum LegacyDiscovery { UnstableMetadata, AuthIssuer, WellKnown }
