using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Conformance.Tests.Support;

/// <summary>Servers that misbehave at the socket level: one that accepts and never answers, one that
/// answers every request with an HTML page.</summary>
public sealed class FakeServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    private FakeServer(bool hang)
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (OperationCanceledException) { return; }
                if (hang) { lock (_held) _held.Add(client); continue; }
                await using var stream = client.GetStream();
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer, _stop.Token);
                var body = "<html><body>It works!</body></html>";
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), _stop.Token);
                client.Dispose();
            }
        });
    }

    public static FakeServer Hanging() => new(hang: true);
    public static FakeServer Garbage() => new(hang: false);

    /// <summary>A loopback URL where nothing listens.</summary>
    public static string ClosedPortUrl()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}";
    }

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_held) foreach (var c in _held) c.Dispose();
    }
}

/// <summary>A profile file written for one test.</summary>
public static class TempProfile
{
    public static string Write(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), "conformance-tests", $"profile-{Guid.NewGuid():N}.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, yaml);
        return file;
    }
}
