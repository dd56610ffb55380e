using System.Text;
using Conformance.Harness.Matrix;

namespace Conformance.Tests.Support;

/// <summary>Hand-made responses for the judges' unit tests: what a server could answer, without a server.</summary>
public static class Responses
{
    public static MatrixResponse Json(int status, string body, string method = "GET", string path = "/_matrix/client/v3/sync") => Make(status, body, "application/json", method, path);

    public static MatrixResponse Text(int status, string body, string contentType = "text/html", string method = "GET", string path = "/") => Make(status, body, contentType, method, path);

    /// <summary>An error answer: <c>{"errcode": …, "error": …}</c>.</summary>
    public static MatrixResponse Error(int status, string errcode, string method = "GET", string path = "/_matrix/client/v3/sync") =>
        Json(status, $$"""{"errcode":"{{errcode}}","error":"{{errcode}}"}""", method, path);

    /// <summary>A redirect to <paramref name="location"/> with an empty body, as a page that sends the user elsewhere answers.</summary>
    public static MatrixResponse Redirect(string location, int status = 302, string method = "GET", string path = "/") =>
        Text(status, "", "text/html", method, path).WithHeaders(("Content-Type", "text/html"), ("Location", location));

    public static MatrixResponse NoAnswer(string method = "GET", string path = "/_matrix/client/v3/sync", string why = "timed out after 10 s") => new()
    {
        Exchange = new HttpExchange { Method = method, Url = "http://127.0.0.1" + path, Error = why },
        NetworkError = why,
    };

    public static MatrixResponse WithHeaders(this MatrixResponse r, params (string Name, string Value)[] headers) => new()
    {
        Exchange = r.Exchange,
        Status = r.Status,
        Text = r.Text,
        RawBytes = r.RawBytes,
        ContentType = r.ContentType,
        NetworkError = r.NetworkError,
        Headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase),
    };

    private static MatrixResponse Make(int status, string body, string contentType, string method, string path) => new()
    {
        Exchange = new HttpExchange { Method = method, Url = "http://127.0.0.1" + path, Status = status },
        Status = status,
        Text = body,
        RawBytes = Encoding.UTF8.GetBytes(body),
        ContentType = contentType,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType },
    };
}
