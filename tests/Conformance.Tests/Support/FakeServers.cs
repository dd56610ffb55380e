using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Conformance.Tests.Support;

/// <summary>Servers that misbehave at the socket level: one that accepts and never answers, one that
/// answers every request with an HTML page, and one that answers whatever raw HTTP a test gives it.</summary>
public sealed class FakeServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    private FakeServer(Func<string, string?> respond)
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (OperationCanceledException) { return; }
                var stream = client.GetStream();
                var buffer = new byte[4096];
                int read;
                try { read = await stream.ReadAsync(buffer, _stop.Token); }
                catch (OperationCanceledException) { return; }
                var requestLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
                if (respond(requestLine) is not { } response) { lock (_held) _held.Add(client); continue; }
                try { await stream.WriteAsync(Encoding.UTF8.GetBytes(response), _stop.Token); }
                catch (IOException) { /* the client stopped reading */ }
                client.Dispose();
            }
        });
    }

    public static FakeServer Hanging() => new(_ => null);
    public static FakeServer Garbage() => new(_ => Http("200 OK", "text/html", "<html><body>It works!</body></html>"));

    /// <summary>Answers each request with what <paramref name="respond"/> makes of its request line
    /// (<c>GET /path HTTP/1.1</c>): a whole raw HTTP response, or null to hang.</summary>
    public static FakeServer Answering(Func<string, string?> respond) => new(respond);

    /// <summary>A raw HTTP/1.1 response that closes the connection.</summary>
    public static string Http(string status, string contentType, string body, string extraHeaders = "") =>
        $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n{extraHeaders}Connection: close\r\n\r\n{body}";

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
