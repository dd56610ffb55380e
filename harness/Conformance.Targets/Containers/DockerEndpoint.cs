using System.Net.Sockets;

namespace Conformance.Targets.Containers;

/// <summary>
/// Where the Docker engine listens: <c>DOCKER_HOST</c> (<c>unix://</c> or <c>tcp://</c>) or the default
/// unix socket. Produces the HTTP client that talks to it; the host name in a unix socket's base URL is
/// ignored by the engine.
/// </summary>
public sealed record DockerEndpoint(string Description, Uri BaseUrl, string? SocketPath)
{
    public const string ApiVersion = "v1.41";
    public const string DefaultSocket = "/var/run/docker.sock";

    public static DockerEndpoint FromEnvironment()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrWhiteSpace(host)) return Unix(DefaultSocket);
        if (host.StartsWith("unix://", StringComparison.Ordinal)) return Unix(host["unix://".Length..]);
        if (host.StartsWith("tcp://", StringComparison.Ordinal))
            return new DockerEndpoint(host, new Uri($"http://{host["tcp://".Length..].TrimEnd('/')}/{ApiVersion}/"), null);
        throw new ArgumentException($"DOCKER_HOST '{host}' is neither unix:// nor tcp://.");
    }

    public static DockerEndpoint Unix(string path) => new($"unix://{path}", new Uri($"http://docker/{ApiVersion}/"), path);

    public HttpClient CreateHttpClient(TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler();
        if (SocketPath is { } path)
            handler.ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        return new HttpClient(handler) { BaseAddress = BaseUrl, Timeout = timeout };
    }
}
