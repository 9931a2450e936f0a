using System.Runtime.InteropServices;

namespace MlNetNeural.Benchmarks.Tests;

public class TorchSharpShimPatchTests
{
    private const string Version = "GLIBCXX_3.4.32";

    private static readonly string PackageShim = Path.Combine(
        Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [Fact]
    public void MarksTheVersionWeakByChangingOneFlagByte()
    {
        using var folder = new TemporaryDirectory();
        string copy = folder.File("libLibTorchSharp.so");
        File.Copy(PackageShim, copy);

        var (succeeded, engine) = Patch(copy, Version);

        Assert.True(succeeded, string.Join("; ", engine.Errors));
        byte[] before = File.ReadAllBytes(PackageShim);
        byte[] after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        int[] changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        int offset = Assert.Single(changed);
        Assert.Equal(before[offset] | 0x2, after[offset]);
    }

    [Fact]
    public void RunningTwiceChangesNothingMore()
    {
        using var folder = new TemporaryDirectory();
        string copy = folder.File("libLibTorchSharp.so");
        File.Copy(PackageShim, copy);
        Patch(copy, Version);
        byte[] once = File.ReadAllBytes(copy);

        var (succeeded, engine) = Patch(copy, Version);

        Assert.True(succeeded);
        Assert.Equal(once, File.ReadAllBytes(copy));
        Assert.Contains(engine.Messages, m => m.Contains("already weak"));
    }

    [Fact]
    public void LeavesAHardLinkedOriginalUntouched()
    {
        using var folder = new TemporaryDirectory();
        string original = folder.File("original.so");
        string linked = folder.File("linked.so");
        File.Copy(PackageShim, original);
        Assert.True(link(original, linked) == 0, $"could not create a hard link (errno {Marshal.GetLastPInvokeError()})");

        Patch(linked, Version);

        Assert.Equal(File.ReadAllBytes(PackageShim), File.ReadAllBytes(original));
        Assert.NotEqual(File.ReadAllBytes(original), File.ReadAllBytes(linked));
    }

    [Fact]
    public void AVersionTheLibraryDoesNotNeedIsNotAnError()
    {
        using var folder = new TemporaryDirectory();
        string copy = folder.File("libLibTorchSharp.so");
        File.Copy(PackageShim, copy);

        var (succeeded, engine) = Patch(copy, "GLIBCXX_9.9.99");

        Assert.True(succeeded);
        Assert.Equal(File.ReadAllBytes(PackageShim), File.ReadAllBytes(copy));
        Assert.Contains(engine.Messages, m => m.Contains("nothing to patch"));
    }

    [Fact]
    public void RefusesAFileThatIsNotElfNamingIt()
    {
        using var folder = new TemporaryDirectory();
        string text = folder.File("notes.so");
        File.WriteAllText(text, "not a shared library, just some text that is long enough to hold an ELF header......");

        var (succeeded, engine) = Patch(text, Version);

        Assert.False(succeeded);
        Assert.Contains(engine.Errors, e => e.Contains(text) && e.Contains("not an ELF file"));
    }

    [Fact]
    public void TheBuildPatchedTheShimInThisOutputFolder()
    {
        string shim = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        using var folder = new TemporaryDirectory();
        string copy = folder.File("libLibTorchSharp.so");
        File.Copy(shim, copy);

        var (_, engine) = Patch(copy, Version);

        Assert.Contains(engine.Messages, m => m.Contains("already weak"));
    }

    private static (bool Succeeded, RecordingBuildEngine Engine) Patch(string path, string version)
    {
        var engine = new RecordingBuildEngine();
        var task = new MarkElfVersionNeedWeak { LibraryPath = path, VersionName = version, BuildEngine = engine };
        return (task.Execute(), engine);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int link(string existing, string newPath);
}
