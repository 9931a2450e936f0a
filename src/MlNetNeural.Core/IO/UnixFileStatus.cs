using System.Runtime.InteropServices;

namespace MlNetNeural.Core.IO;

/// <summary>
/// What .NET does not say about an existing path on Linux: whether it is a regular file, and its owner. Read with the
/// statx system call, whose result layout is the same on every Linux architecture. Elsewhere (macOS, Windows) the
/// status is unknown and callers fall back to what .NET offers.
/// </summary>
internal readonly record struct UnixFileStatus(bool IsRegularFile, string Kind, uint OwnerId, uint GroupId)
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x0001, StatxMode = 0x0002, StatxUid = 0x0008, StatxGid = 0x0010;
    private const ushort TypeMask = 0xF000;

    /// <summary>The status of <paramref name="path"/> (following symbolic links), or null when it cannot be read here.</summary>
    public static UnixFileStatus? Of(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (Statx(AtCurrentDirectory, path, 0, StatxType | StatxMode | StatxUid | StatxGid, ref MemoryMarshal.GetReference(buffer)) != 0) return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null; // a C library without statx (glibc before 2.28)
        }
        uint owner = BitConverter.ToUInt32(buffer[20..]), group = BitConverter.ToUInt32(buffer[24..]);
        ushort mode = BitConverter.ToUInt16(buffer[28..]);
        string kind = (mode & TypeMask) switch
        {
            0x8000 => "regular file",
            0x4000 => "directory",
            0x2000 => "character device",
            0x6000 => "block device",
            0x1000 => "named pipe",
            0xC000 => "socket",
            _ => "special file",
        };
        return new UnixFileStatus((mode & TypeMask) == 0x8000, kind, owner, group);
    }

    /// <summary>Gives <paramref name="path"/> this status's owner and group; false when the system refuses (only root may give files away).</summary>
    public bool TryApplyOwnerTo(string path) => OperatingSystem.IsLinux() && Chown(path, OwnerId, GroupId) == 0;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, ref byte buffer);

    [DllImport("libc", EntryPoint = "chown", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);
}
