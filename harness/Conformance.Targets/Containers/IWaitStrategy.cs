namespace Conformance.Targets.Containers;

/// <summary>A readiness condition, polled until it holds (Testcontainers' wait strategy).</summary>
public interface IWaitStrategy
{
    string Description { get; }
    Task<bool> UntilAsync(DockerContainer container, CancellationToken ct);
}

/// <summary>Testcontainers-style entry point: <c>Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(...)</c>.</summary>
public static class Wait
{
    public static WaitForContainer ForUnixContainer() => new([]);
}

public sealed class WaitForContainer(IReadOnlyList<IWaitStrategy> strategies)
{
    public IReadOnlyList<IWaitStrategy> Strategies { get; } = strategies;

    public WaitForContainer UntilHttpRequestIsSucceeded(Func<HttpWaitStrategy, HttpWaitStrategy> configure) =>
        new([.. Strategies, configure(new HttpWaitStrategy())]);

    public WaitForContainer UntilContainerIsHealthy() => new([.. Strategies, new HealthyWaitStrategy()]);
}

/// <summary>Ready when an HTTP GET on a container port answers with the expected status.</summary>
public sealed record HttpWaitStrategy : IWaitStrategy
{
    public string Path { get; init; } = "/";
    public int Port { get; init; }
    public int ExpectedStatus { get; init; } = 200;

    public HttpWaitStrategy ForPath(string path) => this with { Path = path };
    public HttpWaitStrategy ForPort(int port) => this with { Port = port };
    public HttpWaitStrategy ForStatusCode(int status) => this with { ExpectedStatus = status };

    public string Description => $"GET {Path} on port {Port} answers {ExpectedStatus}";

    public async Task<bool> UntilAsync(DockerContainer container, CancellationToken ct)
    {
        if (!container.TryGetMappedPublicPort(Port, out var port)) return false;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync($"http://{container.Hostname}:{port}{Path}", ct);
            return (int)response.StatusCode == ExpectedStatus;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}

/// <summary>Ready when the image's HEALTHCHECK reports healthy.</summary>
public sealed class HealthyWaitStrategy : IWaitStrategy
{
    public string Description => "the container's health check reports healthy";

    public async Task<bool> UntilAsync(DockerContainer container, CancellationToken ct) =>
        (await container.InspectAsync(ct))["State"]?["Health"]?["Status"]?.GetValue<string>() == "healthy";
}
