using System.Diagnostics;
using MlNetNeural.Core.IO;

namespace MlNetNeural.Tests.IO;

/// <summary>All-or-nothing file writing: what it replaces, what it keeps, and what it cleans up.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private static readonly byte[] OldContent = [1, 2, 3];
    private static readonly byte[] NewContent = [9, 8, 7, 6];
    private readonly string _directory = Directory.CreateTempSubdirectory("mlnn-atomic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static void WriteNew(string path) => AtomicFile.Write(path, stream => stream.Write(NewContent));

    [Fact]
    public void AWriteReplacesTheFileAndLeavesNoTemporaryFile()
    {
        string path = PathOf("model.zip");
        File.WriteAllBytes(path, OldContent);
        WriteNew(path);
        Assert.Equal(NewContent, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void ADirectoryThatRefusesNewFilesIsReportedForTheDestinationNotItsTemporaryName()
    {
        // /sys refuses new files even to root (tests run as root in CI, where a read-only permission would not stop them).
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/sys/kernel")) return;
        var error = Assert.Throws<UnauthorizedAccessException>(() => WriteNew("/sys/kernel/predictions.csv"));
        Assert.StartsWith("Cannot write '/sys/kernel/predictions.csv': access to the directory '/sys/kernel' is denied", error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
    }

    [Fact]
    public void AFailureInTheCallersWritingKeepsItsOwnMessage()
    {
        var error = Assert.Throws<IOException>(() => AtomicFile.Write(PathOf("x.csv"), _ => throw new IOException("Disk full (simulated).")));
        Assert.Equal("Disk full (simulated).", error.Message);
    }

    [Fact]
    public void AWriteFailingHalfwayLeavesTheExistingFileAndNoTemporaryFile()
    {
        string path = PathOf("model.zip");
        File.WriteAllBytes(path, OldContent);
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("Disk full (simulated).");
        }));
        Assert.Equal(OldContent, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void ASymbolicLinkIsWrittenThroughToItsFileAndStaysALink()
    {
        string real = PathOf("real.zip"), link = PathOf("link.zip");
        File.WriteAllBytes(real, OldContent);
        File.CreateSymbolicLink(link, real);
        WriteNew(link);
        Assert.Equal(NewContent, File.ReadAllBytes(real));
        Assert.Equal(real, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void AnExistingFileKeepsItsPermissions()
    {
        if (OperatingSystem.IsWindows()) return;
        string path = PathOf("model.zip");
        File.WriteAllBytes(path, OldContent);
        const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, Mode);
        WriteNew(path);
        Assert.Equal(Mode, File.GetUnixFileMode(path));
    }

    [Fact]
    public void AsRootAnExistingFileKeepsItsOwner()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return;
        string path = PathOf("model.zip");
        File.WriteAllBytes(path, OldContent);
        Assert.Equal(0, Run("chown", $"65534:65534 {path}"));
        WriteNew(path);
        var status = UnixFileStatus.Of(path)!.Value;
        Assert.Equal((65534u, 65534u), (status.OwnerId, status.GroupId));
    }

    [Fact]
    public void APathThatIsNotARegularFileIsRefusedAndLeftAlone()
    {
        if (!OperatingSystem.IsLinux()) return;
        string pipe = PathOf("pipe");
        Assert.Equal(0, Run("mkfifo", pipe));
        var error = Assert.Throws<IOException>(() => WriteNew(pipe));
        Assert.Contains("named pipe", error.Message);
        Assert.Equal("named pipe", UnixFileStatus.Of(pipe)!.Value.Kind);
        Assert.Equal([pipe], Directory.GetFiles(_directory));
        Assert.Contains("character device", Assert.Throws<IOException>(() => WriteNew("/dev/null")).Message);
        Assert.Contains("is a directory", Assert.Throws<ArgumentException>(() => WriteNew(_directory)).Message);
    }

    [Fact]
    public void TemporaryFilesOfEndedProcessesAreRemovedAndThoseOfRunningOnesKept()
    {
        string path = PathOf("model.zip");
        using var ended = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        ended.WaitForExit();
        // This process's own space, as its writes name it.
        AtomicFile.Write(PathOf("probe.bin"), _ => { string tmp = Directory.GetFiles(_directory, ".probe.bin.*.tmp").Single(); _space = Path.GetFileName(tmp).Split('.')[4]; });
        string stale = PathOf($".model.zip.{ended.Id}.{_space}.0123abcd.tmp");
        string running = PathOf($".model.zip.{Environment.ProcessId}.{_space}.4567cdef.tmp");
        string otherFile = PathOf($".other.zip.{ended.Id}.{_space}.89abcdef.tmp");
        // Another container's save on a shared folder: its process id means nothing here, so only its age tells.
        string otherSpace = PathOf($".model.zip.{ended.Id}.00000000.fedcba98.tmp");
        string otherSpaceOld = PathOf($".model.zip.{Environment.ProcessId}.00000000.76543210.tmp");
        string olderVersion = PathOf($".model.zip.{ended.Id}.0f1e2d3c.tmp");
        foreach (string file in new[] { stale, running, otherFile, otherSpace, otherSpaceOld, olderVersion }) File.WriteAllBytes(file, new byte[16]);
        foreach (string file in new[] { otherSpaceOld, olderVersion }) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-2));
        WriteNew(path);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(running));
        Assert.True(File.Exists(otherFile));
        Assert.True(File.Exists(otherSpace));
        Assert.False(File.Exists(otherSpaceOld));
        Assert.False(File.Exists(olderVersion));
    }

    private string _space = "";

    [Fact]
    public void AMissingDirectoryIsNamedOrCreatedOnRequest()
    {
        string missing = PathOf("no-such-folder");
        var error = Assert.Throws<DirectoryNotFoundException>(() => WriteNew(Path.Combine(missing, "model.zip")));
        Assert.Contains(missing, error.Message);
        AtomicFile.Write(Path.Combine(missing, "report.html"), stream => stream.Write(NewContent), createDirectory: true);
        Assert.Equal(NewContent, File.ReadAllBytes(Path.Combine(missing, "report.html")));
    }

    private static int Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
