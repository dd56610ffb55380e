using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Harness.Checks;

namespace Conformance.Harness.Matrix;

/// <summary>A response with the Matrix-specific parts (errcode, soft_logout) read out.</summary>
public sealed class MatrixResponse
{
    public required HttpExchange Exchange { get; init; }
    /// <summary>0 when no response arrived; see <see cref="NetworkError"/>.</summary>
    public int Status { get; init; }
    public string? ContentType { get; init; }
    public string Text { get; init; } = "";
    public byte[] RawBytes { get; init; } = [];
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    public string? NetworkError { get; init; }

    private JsonNode? _json;
    private bool _parsed;

    /// <summary>The body parsed as JSON, or null when it is not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            if (_parsed) return _json;
            _parsed = true;
            try { _json = Text.Length == 0 ? null : JsonNode.Parse(Text); }
            catch (JsonException) { _json = null; }
            return _json;
        }
    }

    public JsonObject? Object => Json as JsonObject;
    public bool Arrived => NetworkError is null;
    public bool IsSuccess => Status is >= 200 and < 300;
    public string? Errcode => StringField("errcode");
    public string? Error => StringField("error");
    /// <summary><c>soft_logout</c> exactly as sent (JSON text), or null when absent.</summary>
    public string? SoftLogoutRaw => Object is { } o && o.TryGetPropertyValue("soft_logout", out var v) ? v?.ToJsonString() ?? "null" : null;
    public bool IsJsonContentType => ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    public string? StringField(string name) =>
        Object is { } o && o.TryGetPropertyValue(name, out var v) && v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : null;

    public ObservedResponse ToObserved() => new()
    {
        Status = Arrived ? Status : null,
        Errcode = Errcode,
        SoftLogout = SoftLogoutRaw,
        Error = Error,
        ContentType = ContentType,
    };

    /// <summary>"401 M_USER_LOCKED", "200", "no response (timed out after 10 s)": for reasons.</summary>
    public string Summary() => !Arrived ? $"no response ({NetworkError})"
        : Errcode is { } e ? $"{Status} {e}"
        : Object is null && Text.Length > 0 && !IsJsonContentType ? $"{Status} (non-JSON body)"
        : Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
