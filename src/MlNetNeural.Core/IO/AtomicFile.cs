using System.Diagnostics;
using System.Globalization;

namespace MlNetNeural.Core.IO;

/// <summary>
/// Writes a file all-or-nothing: the content goes to a temporary file in the same directory, is flushed to disk, and
/// only then replaces the destination by a rename, so readers never see half a file and a failed write leaves the
/// previous file exactly as it was. Every writer of MlNetNeural (models, ONNX files, reports, samples) uses it.
/// </summary>
/// <remarks>
/// The destination is treated as a user would expect of "save over this file": a symbolic link is followed and the
/// file it points to is replaced (the link stays a link); an existing file keeps its permissions and, where the process
/// may set it (root on Linux), its owner and group; a destination that is not a regular file (a device, a pipe, a
/// directory) is refused. Temporary files are named <c>.NAME.PID.SPACE.RANDOM.tmp</c>, SPACE naming the machine and process
/// namespace whose process ids PID belongs to; a write removes those of its own destination left by processes of its own
/// space that no longer run (killed during a save), and any other once it is an hour old: a process of another container
/// or host sharing the folder has a process id this one cannot see, and its save in progress must not be taken for a dead one's.
/// </remarks>
public static class AtomicFile
{
    /// <summary>Writes the file at <paramref name="path"/> through <paramref name="writeContent"/>.</summary>
    /// <param name="path">Destination file.</param>
    /// <param name="writeContent">Writes the whole content to the stream it is given (do not close it).</param>
    /// <param name="createDirectory">Create the destination's directory when it does not exist; otherwise that is an error.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names a directory.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist and <paramref name="createDirectory"/> is false.</exception>
    /// <exception cref="IOException">The destination is not a regular file, or writing or renaming failed (the previous file is unchanged).</exception>
    public static void Write(string path, Action<Stream> writeContent, bool createDirectory = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(writeContent);
        string target = ResolveTarget(path);
        string directory = Path.GetDirectoryName(target)
            ?? throw new ArgumentException($"'{path}' names a root directory, not a file.", nameof(path));
        if (Directory.Exists(target))
            throw new ArgumentException($"Cannot write '{target}': it is a directory; pass a file path.", nameof(path));
        if (!Directory.Exists(directory))
        {
            if (!createDirectory)
                throw new DirectoryNotFoundException($"Cannot write '{target}': the directory '{directory}' does not exist. Create it first.");
            Directory.CreateDirectory(directory);
        }
        var existing = DescribeExisting(target);
        RemoveStaleTemporaryFiles(directory, Path.GetFileName(target));

        string temporary = Path.Combine(directory, TemporaryName(Path.GetFileName(target), Environment.ProcessId));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }
            existing?.ApplyTo(temporary);
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e.Message.Contains(temporary, StringComparison.Ordinal))
        {
            TryDelete(temporary);
            throw NamingTheDestination(e, target, directory, temporary);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>An exception about the temporary file, said of the destination the caller named (the temporary name means nothing to a user).</summary>
    private static Exception NamingTheDestination(Exception e, string target, string directory, string temporary) => e is UnauthorizedAccessException
        ? new UnauthorizedAccessException($"Cannot write '{target}': access to the directory '{directory}' is denied (the file is written there under a temporary name, then renamed). Choose a directory you can write to.", e)
        : new IOException($"Cannot write '{target}': {e.Message.Replace(temporary, $"{Path.GetFileName(temporary)} (the temporary file beside it)", StringComparison.Ordinal)}", e);

    /// <summary>The file a write to <paramref name="path"/> must replace: the final target of a symbolic link, else the path itself.</summary>
    private static string ResolveTarget(string path)
    {
        string full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (info.LinkTarget is null) return full;
        var resolved = info.ResolveLinkTarget(returnFinalTarget: true)
            ?? throw new IOException($"Cannot write '{full}': it is a symbolic link that cannot be followed.");
        return Path.GetFullPath(resolved.FullName);
    }

    /// <summary>The permissions (and owner) an existing destination keeps, or null when there is none.</summary>
    private static ExistingFile? DescribeExisting(string target)
    {
        if (!File.Exists(target)) return null;
        var status = UnixFileStatus.Of(target);
        if (status is { IsRegularFile: false } special)
            throw new IOException($"Cannot write '{target}': it is a {special.Kind}, not a regular file, and replacing it would destroy it. Give the path of a regular file.");
        UnixFileMode? mode = OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(target);
        return new ExistingFile(mode, status);
    }

    private static string TemporaryName(string fileName, int processId) =>
        string.Create(CultureInfo.InvariantCulture, $".{fileName}.{processId}.{ProcessSpace}.{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Names the space this process's id is unique in: a hash of the boot's id and the process namespace (Linux; two
    /// containers on one host share the boot but not the namespace, two hosts share neither), else of the machine's name.
    /// </summary>
    private static readonly string ProcessSpace = Fingerprint(OperatingSystem.IsLinux()
        ? ReadOrEmpty("/proc/sys/kernel/random/boot_id") + "|" + (ReadLinkOrEmpty("/proc/self/ns/pid"))
        : Environment.MachineName);

    private static string ReadOrEmpty(string path)
    {
        try { return File.ReadAllText(path).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    private static string ReadLinkOrEmpty(string path)
    {
        try { return new FileInfo(path).LinkTarget ?? ""; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    // Eight hex digits of the network format's FNV-1a hash: enough to tell spaces apart in one folder, short in a file name.
    private static string Fingerprint(string text) =>
        unchecked((uint)Serialization.NetworkFormat.Fnv1a(System.Text.Encoding.UTF8.GetBytes(text))).ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>How long a temporary file of another process space (another container or host on a shared folder) is kept: a save takes seconds.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    /// <summary>
    /// Deletes <c>.NAME.PID.SPACE.*.tmp</c> files of this process space whose process has ended, and the others (another
    /// space's, or older versions' names) once they are <see cref="StaleAfter"/> old.
    /// </summary>
    private static void RemoveStaleTemporaryFiles(string directory, string fileName)
    {
        string prefix = "." + fileName + ".";
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, prefix + "*.tmp").ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (string candidate in candidates)
        {
            string[] parts = Path.GetFileName(candidate)[prefix.Length..^".tmp".Length].Split('.');
            bool stale = parts.Length == 3 && parts[1] == ProcessSpace
                ? int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int owner) && owner != Environment.ProcessId && !IsRunning(owner)
                : File.GetLastWriteTimeUtc(candidate) < DateTime.UtcNow - StaleAfter; // another space's id, or an older version's name: its age alone tells
            if (stale) TryDelete(candidate);
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary file must not hide the real error, and the next write retries.
        }
    }

    private sealed record ExistingFile(UnixFileMode? Mode, UnixFileStatus? Status)
    {
        public void ApplyTo(string temporary)
        {
            if (Mode is { } mode && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, mode);
            Status?.TryApplyOwnerTo(temporary);
        }
    }
}
