using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.Common;

namespace Conformance.Suites.AccountManagement.Observations;

/// <summary>Everything about discovery that needs no user: the metadata asked for without a token, an
/// OPTIONS pre-flight, GET /login, and the legacy and unstable discovery forms.</summary>
public sealed record MetadataObservations
{
    /// <summary>GET /_matrix/client/v1/auth_metadata with no token.</summary>
    public required MatrixResponse Metadata { get; init; }
    /// <summary>The same with a token, asked only when the first answer demanded one.</summary>
    public MatrixResponse? MetadataWithToken { get; init; }
    /// <summary>The answer the document came from, whose headers and content type describe it.</summary>
    public MatrixResponse DocumentResponse => MetadataWithToken ?? Metadata;
    /// <summary>The metadata document (fetched with a token if the server demanded one); not seen when the
    /// server does not offer the OAuth 2.0 API (skip, with how that was found), when no answer came
    /// (error) or when the answer is not a JSON object (inconclusive).</summary>
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
/// actions (none when they are not an array of strings). Read from the stable fields, or, where a server
/// has only MSC4191's unstable ones, from those; the metadata checks report that difference, the deep
/// links are tested all the same.</summary>
public sealed record AccountManagementUrl(Uri Uri, IReadOnlyList<string> Actions, bool FromUnstableFields = false)
{
    public const string UriField = "account_management_uri";
    public const string ActionsField = "account_management_actions_supported";

    /// <summary>Whether the spec action is advertised, under its own name or an unstable alias.</summary>
    public bool Advertises(string action) => Actions.Any(a => ActionNames.SpecActionOf(a) == action);

    /// <summary>The name the server uses for a spec action: its own when advertised, else the alias the
    /// server advertises for it, else the spec's name.</summary>
    public string NameFor(string action) =>
        Actions.Contains(action) ? action : Actions.FirstOrDefault(a => ActionNames.SpecActionOf(a) == action) ?? action;

    /// <summary>"account_management_actions_supported: a, b", the detection of a skip for an action not advertised.</summary>
    public string ActionsAdvertised => $"{(FromUnstableFields ? ActionNames.UnstablePrefix : "")}{ActionsField}: {string.Join(", ", Actions)}";

    public static Observed<AccountManagementUrl> From(JsonObject document)
    {
        var unstable = !document.ContainsKey(UriField) && document.ContainsKey(ActionNames.UnstablePrefix + UriField);
        var (uriField, actionsField) = unstable ? (ActionNames.UnstablePrefix + UriField, ActionNames.UnstablePrefix + ActionsField) : (UriField, ActionsField);
        if (Json.HttpUrl(document[uriField]) is { } uri)
            return new AccountManagementUrl(uri, Json.ArrayOfStrings(document[actionsField]) ?? [], unstable);
        return Observed.NotSeen<AccountManagementUrl>(Judgement.Skip($"The server does not advertise a usable {UriField}.",
            document.ContainsKey(uriField) ? $"{uriField} is {document[uriField]?.ToJsonString()}" : $"the metadata has no {UriField}"));
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
