namespace Conformance.Harness.Catalogue;

/// <summary>One operation of the Client-Server API, as the spec's OpenAPI data describes it.</summary>
public sealed record Endpoint
{
    public required string OperationId { get; init; }
    public required string Method { get; init; }
    /// <summary>Full path template with the base path resolved, e.g. <c>/_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}</c>.</summary>
    public required string Path { get; init; }
    public required string File { get; init; }
    public required string SpecUrl { get; init; }
    /// <summary><c>required</c>, <c>optional</c> or <c>none</c>, decided the way the spec's renderer decides it.</summary>
    public required string Auth { get; init; }
    public IReadOnlyList<string> SecuritySchemes { get; init; } = [];
    /// <summary>True when only an application service's <c>as_token</c> is accepted.</summary>
    public bool AppserviceOnly { get; init; }
    /// <summary><c>required-auth</c>, <c>optional-auth</c>, <c>exempt</c>, <c>appservice-token</c> or <c>no-auth</c>.</summary>
    public required string LockCategory { get; init; }
    public bool Deprecated { get; init; }
    public string? AddedIn { get; init; }
    public IReadOnlyList<string> ChangedIn { get; init; } = [];
    public bool RateLimited { get; init; }
    public bool Uia { get; init; }
    public bool Media { get; init; }
    /// <summary>True when another operation describes the same method and path (the spec pads one path key with a space).</summary>
    public bool SharedRoute { get; init; }
    public IReadOnlyList<PathParameter> PathParameters { get; init; } = [];
    public IReadOnlyList<QueryParameter> RequiredQuery { get; init; } = [];
    public RequestBodyShape? Body { get; init; }

    /// <summary>What a reader sees in a report: method and path.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Subject => $"{Method} {Path}";
}

public sealed record PathParameter(string Name, string? Format = null, IReadOnlyList<string>? Enum = null);

public sealed record QueryParameter(string Name, string Type, IReadOnlyList<string>? Enum = null);

public sealed record RequestBodyShape
{
    public bool Required { get; init; }
    public IReadOnlyList<string> ContentTypes { get; init; } = [];
    public IReadOnlyList<BodyProperty> RequiredProperties { get; init; } = [];
    public bool IsJson => ContentTypes.Count == 0 || ContentTypes.Contains("application/json");
}

public sealed record BodyProperty(string Name, string Type, IReadOnlyList<string>? Enum = null);

public static class LockCategories
{
    public const string RequiredAuth = "required-auth";
    public const string OptionalAuth = "optional-auth";
    public const string Exempt = "exempt";
    public const string AppserviceToken = "appservice-token";
    public const string NoAuth = "no-auth";
}
