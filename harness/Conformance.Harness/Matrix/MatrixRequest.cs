using System.Text.Json.Nodes;
using RestSharp;

namespace Conformance.Harness.Matrix;

public enum TokenTransport { Header, Query }

/// <summary>RestSharp request building for Matrix: paths with escaped identifiers, tokens, JSON bodies.</summary>
public static class MatrixRequest
{
    public static RestRequest Get(string path) => new(path, Method.Get);
    public static RestRequest Post(string path) => new(path, Method.Post);
    public static RestRequest Put(string path) => new(path, Method.Put);
    public static RestRequest Delete(string path) => new(path, Method.Delete);
    public static RestRequest Options(string path) => new(path, Method.Options);

    public static RestRequest Of(string method, string path) =>
        new(path, Enum.Parse<Method>(method, ignoreCase: true));

    public static RestRequest WithToken(this RestRequest request, string? token, TokenTransport transport = TokenTransport.Header)
    {
        if (token is null) return request;
        if (transport == TokenTransport.Header) request.AddHeader("Authorization", "Bearer " + token);
        else request.AddQueryParameter("access_token", token);
        return request;
    }

    public static RestRequest WithJson(this RestRequest request, JsonNode body) =>
        request.AddStringBody(body.ToJsonString(), ContentType.Json);

    public static RestRequest WithRaw(this RestRequest request, byte[] body, string contentType)
    {
        request.AddParameter(new BodyParameter("", body, contentType));
        return request;
    }

    /// <summary>Escapes a Matrix identifier for a path segment (<c>!room:hs</c> → <c>%21room%3Ahs</c>).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);
}
