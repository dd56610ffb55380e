using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Conformance.Harness.Profiles;

namespace Conformance.Targets.Containers;

/// <summary>
/// Makes sure the profile's image is there: a locally built image is rebuilt only when the hash of its
/// recipe (the files the profile lists) differs from the one stored in the image's comment; an image
/// without a build recipe is pulled when missing.
/// </summary>
public static class ImageProvider
{
    public sealed record Outcome(string Image, string How, TimeSpan Took);

    private static async Task<FileStream> AcquireLockAsync(string image, TextWriter progress, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), "conformance-image-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(image)))[..12] + ".lock");
        for (var waited = false; ; waited = true)
        {
            try
            {
                return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                if (!waited) progress.WriteLine($"Waiting for another run that is preparing {image} …");
                await Task.Delay(1000, ct);
            }
        }
    }

    public static string RecipeHash(string root, IEnumerable<string> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Named relative to the checkout, so the same recipe hashes the same in any clone.
        foreach (var file in files.Select(f => Path.GetRelativePath(root, Path.Combine(root, f))).Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(file + "\n"));
            sha.AppendData(File.ReadAllBytes(Path.Combine(root, file)).Where(b => b != '\r').ToArray());
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    public static async Task<Outcome> EnsureAsync(DockerClient docker, ContainerSection container, string root, TextWriter progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        // Two runs at once must not build the same image twice: the second waits for the first.
        await using var buildLock = await AcquireLockAsync(container.Image, progress, ct);
        var image = await docker.InspectImageAsync(container.Image, ct);
        if (container.Build is not { } build)
        {
            if (image is not null) return new(container.Image, "present", clock.Elapsed);
            progress.WriteLine($"Pulling {container.Image} …");
            await docker.PullImageAsync(container.Image, ct);
            return new(container.Image, "pulled", clock.Elapsed);
        }

        var hash = RecipeHash(root, build.Recipe);
        if (image?.Comment.Contains("recipe-sha256:" + hash, StringComparison.Ordinal) == true)
            return new(container.Image, $"present, recipe {hash}", clock.Elapsed);

        progress.WriteLine(image is null
            ? $"Building {container.Image} (recipe {hash}); this takes a few minutes the first time …"
            : $"Rebuilding {container.Image}: its recipe changed (now {hash}) …");
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var a in new[] { Path.Combine(root, build.Script), container.Image, hash }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) progress.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) progress.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
            throw new DockerException($"Building {container.Image} with {build.Script} failed (exit code {process.ExitCode}); its output is above.");
        return new(container.Image, $"built, recipe {hash}", clock.Elapsed);
    }
}
