using System.Diagnostics;
using System.Formats.Tar;
using System.Text;
using Conformance.Targets.Containers;
using Xunit;

namespace Conformance.Tests.Support;

/// <summary>A tiny image imported from the host's static busybox (no registry needed), with a page to
/// serve; made once per engine.</summary>
public static class BusyboxImage
{
    public const string Name = "conformance/test-busybox:1";

    public static async Task EnsureAsync()
    {
        await DockerAvailability.RequireAsync();
        Assert.SkipUnless(File.Exists("/bin/busybox"), "The container tests import /bin/busybox (apt-get install busybox-static).");
        using var docker = await DockerEngine.ClientAsync(TestContext.Current.CancellationToken);
        if (await ImageProvider.InspectAsync(docker, Name, TestContext.Current.CancellationToken) is not null) return;
        var ct = TestContext.Current.CancellationToken;
        var tar = Path.Combine(Path.GetTempPath(), $"busybox-{Guid.NewGuid():N}.tar");
        await using (var file = File.Create(tar))
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            await writer.WriteEntryAsync("/bin/busybox", "bin/busybox", ct);
            var page = new PaxTarEntry(TarEntryType.RegularFile, "www/index.html") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("hello from busybox")) };
            await writer.WriteEntryAsync(page, ct);
        }
        using var import = Process.Start(new ProcessStartInfo("docker", ["import", "--change", "ENTRYPOINT [\"/bin/busybox\"]", tar, Name]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await import.WaitForExitAsync(ct);
        File.Delete(tar);
        Assert.True(import.ExitCode == 0, await import.StandardError.ReadToEndAsync(ct));
    }
}
