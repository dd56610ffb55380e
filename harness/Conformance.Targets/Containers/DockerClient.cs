using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Harness.Targets;

namespace Conformance.Targets.Containers;

/// <summary>
/// The part of the Docker Engine API (v1.41) the suite needs: ping, image inspect and pull, container
/// create/start/inspect/logs/stop/remove/list. Testcontainers cannot be restored here; this is its
/// protocol layer, and <see cref="ContainerBuilder"/> is its builder.
/// </summary>
public sealed class DockerClient : IDisposable
{
    private readonly HttpClient _http;
    public DockerEndpoint Endpoint { get; }

    public DockerClient(DockerEndpoint endpoint, TimeSpan? timeout = null)
    {
        Endpoint = endpoint;
        _http = endpoint.CreateHttpClient(timeout ?? TimeSpan.FromSeconds(60));
    }

    public static DockerClient FromEnvironment() => new(DockerEndpoint.FromEnvironment());

    /// <summary>True when an engine answers; <paramref name="problem"/> says why not otherwise.</summary>
    public async Task<(bool Ok, string? Problem)> PingAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.GetAsync("_ping", ct);
            return response.IsSuccessStatusCode ? (true, null) : (false, $"{Endpoint.Description} answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or System.Net.Sockets.SocketException or TaskCanceledException)
        {
            return (false, $"no Docker engine answers at {Endpoint.Description} ({Innermost(e).Message})");
        }
    }

    public sealed record ImageInfo(string Id, string Comment, IReadOnlyDictionary<string, string> Labels);

    public async Task<ImageInfo?> InspectImageAsync(string image, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"images/{Uri.EscapeDataString(image)}/json", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var json = await Json(response, $"inspect image {image}", ct);
        return new ImageInfo(json["Id"]!.GetValue<string>(), json["Comment"]?.GetValue<string>() ?? "", Labels(json["Config"]?["Labels"]));
    }

    /// <summary>Pulls from a registry; the engine streams progress as JSON lines, and errors arrive in-band.</summary>
    public async Task PullImageAsync(string image, CancellationToken ct)
    {
        var (name, tag) = SplitTag(image);
        using var response = await _http.PostAsync($"images/create?fromImage={Uri.EscapeDataString(name)}&tag={Uri.EscapeDataString(tag)}", null, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var error = body.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)?["error"]?.GetValue<string>()).LastOrDefault(e => e is not null);
        if (!response.IsSuccessStatusCode || error is not null)
            throw new DockerException($"Pulling {image} failed: {error ?? $"{(int)response.StatusCode} {Message(body)}"}");
    }

    public async Task<string> CreateContainerAsync(JsonObject spec, string? name, CancellationToken ct)
    {
        var url = "containers/create" + (name is null ? "" : "?name=" + Uri.EscapeDataString(name));
        using var response = await _http.PostAsync(url, new StringContent(spec.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        return (await Json(response, "create the container", ct))["Id"]!.GetValue<string>();
    }

    /// <summary>Copies a tar archive into a container (before it starts, for configuration files).</summary>
    public async Task PutArchiveAsync(string id, string path, byte[] tar, CancellationToken ct)
    {
        using var content = new ByteArrayContent(tar);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
        using var response = await _http.PutAsync($"containers/{id}/archive?path={Uri.EscapeDataString(path)}", content, ct);
        await Ensure(response, $"copy files into {path}", ct);
    }

    public async Task StartContainerAsync(string id, CancellationToken ct)
    {
        using var response = await _http.PostAsync($"containers/{id}/start", null, ct);
        if (response.StatusCode != HttpStatusCode.NotModified) await Ensure(response, "start the container", ct);
    }

    public async Task<JsonObject> InspectContainerAsync(string id, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"containers/{id}/json", ct);
        return await Json(response, "inspect the container", ct);
    }

    /// <summary>The container's output, demultiplexed, with the engine's timestamps.</summary>
    public async Task<IReadOnlyList<ServerLogLine>> LogsAsync(string id, DateTimeOffset? since, CancellationToken ct)
    {
        var query = "stdout=1&stderr=1&timestamps=1" + (since is { } s ? $"&since={s.ToUnixTimeSeconds()}" : "");
        using var response = await _http.GetAsync($"containers/{id}/logs?{query}", ct);
        await Ensure(response, "read the container's logs", ct);
        return DockerLogStream.Parse(await response.Content.ReadAsByteArrayAsync(ct));
    }

    public async Task StopContainerAsync(string id, TimeSpan grace, CancellationToken ct)
    {
        using var response = await _http.PostAsync($"containers/{id}/stop?t={(int)grace.TotalSeconds}", null, ct);
        if (response.StatusCode is not (HttpStatusCode.NotModified or HttpStatusCode.NotFound)) await Ensure(response, "stop the container", ct);
    }

    public async Task RemoveContainerAsync(string id, CancellationToken ct)
    {
        using var response = await _http.DeleteAsync($"containers/{id}?force=true&v=true", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return;
        // Two runs reaping the same leftover at once: the engine is already removing it for the other one.
        if (response.StatusCode == HttpStatusCode.Conflict && (await response.Content.ReadAsStringAsync(ct)).Contains("already in progress", StringComparison.Ordinal)) return;
        await Ensure(response, "remove the container", ct);
    }

    public sealed record ContainerSummary(string Id, IReadOnlyList<string> Names, string State, IReadOnlyDictionary<string, string> Labels);

    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(string label, CancellationToken ct)
    {
        var filters = Uri.EscapeDataString(new JsonObject { ["label"] = new JsonArray(label) }.ToJsonString());
        using var response = await _http.GetAsync($"containers/json?all=1&filters={filters}", ct);
        await Ensure(response, "list containers", ct);
        var list = await response.Content.ReadFromJsonAsync<JsonArray>(ct) ?? [];
        return list.OfType<JsonObject>().Select(c => new ContainerSummary(
            c["Id"]!.GetValue<string>(),
            (c["Names"] as JsonArray)?.Select(n => n!.GetValue<string>().TrimStart('/')).ToList() ?? [],
            c["State"]?.GetValue<string>() ?? "",
            Labels(c["Labels"]))).ToList();
    }

    private static async Task<JsonObject> Json(HttpResponseMessage response, string what, CancellationToken ct)
    {
        await Ensure(response, what, ct);
        return await response.Content.ReadFromJsonAsync<JsonObject>(ct) ?? throw new DockerException($"Could not {what}: empty answer.");
    }

    private static async Task Ensure(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        throw new DockerException($"Could not {what}: the engine answered {(int)response.StatusCode} {Message(body)}");
    }

    private static string Message(string body)
    {
        try { return JsonNode.Parse(body)?["message"]?.GetValue<string>() ?? body; }
        catch (JsonException) { return body.Trim(); }
    }

    private static IReadOnlyDictionary<string, string> Labels(JsonNode? node) =>
        (node as JsonObject)?.ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "") ?? new Dictionary<string, string>();

    public static (string Name, string Tag) SplitTag(string image)
    {
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    public void Dispose() => _http.Dispose();
}
