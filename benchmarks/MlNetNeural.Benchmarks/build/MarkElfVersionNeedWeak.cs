// MSBuild task compiled by RoslynCodeTaskFactory (see TorchSharpShimPatch.targets); not part of the benchmark assembly.
//
// Marks one symbol-version requirement of an ELF64 little-endian shared library as weak
// (VER_FLG_WEAK = 0x2 in the Elf64_Vernaux.vna_flags of the matching .gnu.version_r entry).
// The dynamic loader then tolerates a libstdc++ that lacks that version instead of refusing to load
// the library. Only sound when no relocation needs a symbol of that version (TorchSharp's shim only
// names _ZSt21ios_base_library_initv@GLIBCXX_3.4.32, a marker that nothing calls).
//
// Idempotent: a file whose entry is already weak is left untouched. The patched bytes are written to a
// new file that then replaces the target, so a hard link into the NuGet package cache is never modified.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;

public sealed class MarkElfVersionNeedWeak : Microsoft.Build.Utilities.Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>The copied shared library to patch (never the package cache's copy).</summary>
    [Required] public string LibraryPath { get; set; } = "";

    /// <summary>Version name whose requirement becomes weak, e.g. GLIBCXX_3.4.32.</summary>
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        if (!File.Exists(LibraryPath))
        {
            Log.LogError($"Cannot patch '{LibraryPath}': the file does not exist. Was the TorchSharp package restored and built?");
            return false;
        }
        byte[] elf = File.ReadAllBytes(LibraryPath);
        int flagsOffset;
        try
        {
            flagsOffset = FindVernauxFlagsOffset(elf, VersionName);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            Log.LogError($"Cannot patch '{LibraryPath}': {e.Message}");
            return false;
        }
        if (flagsOffset < 0)
        {
            Log.LogMessage(MessageImportance.Normal, $"'{LibraryPath}' does not require {VersionName}; nothing to patch.");
            return true;
        }
        ushort flags = BitConverter.ToUInt16(elf, flagsOffset);
        if ((flags & VerFlagWeak) != 0)
        {
            Log.LogMessage(MessageImportance.Normal, $"'{LibraryPath}': {VersionName} is already weak.");
            return true;
        }
        BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, flagsOffset);
        string temporary = LibraryPath + ".patching";
        File.WriteAllBytes(temporary, elf);
        DateTime copiedAt = File.GetLastWriteTimeUtc(LibraryPath);
        File.Delete(LibraryPath); // unlink first: a hard link to the package cache must keep the original bytes
        File.Move(temporary, LibraryPath);
        // Same size and time as the package's file, so incremental builds skip the copy and this task finds it done.
        File.SetLastWriteTimeUtc(LibraryPath, copiedAt);
        Log.LogMessage(MessageImportance.High, $"Marked the {VersionName} requirement of '{LibraryPath}' weak.");
        return true;
    }

    /// <summary>File offset of vna_flags for <paramref name="versionName"/>, or -1 when the library does not need it.</summary>
    private static int FindVernauxFlagsOffset(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file.");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported.");
        long sectionHeaders = (long)BitConverter.ToUInt64(elf, 0x28);
        int sectionHeaderSize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        for (int s = 0; s < sectionCount; s++)
        {
            int header = checked((int)(sectionHeaders + (long)s * sectionHeaderSize));
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed) continue;
            int verneed = checked((int)BitConverter.ToUInt64(elf, header + 0x18));
            int linkedStrings = (int)BitConverter.ToUInt32(elf, header + 0x28);
            int stringsHeader = checked((int)(sectionHeaders + (long)linkedStrings * sectionHeaderSize));
            int strings = checked((int)BitConverter.ToUInt64(elf, stringsHeader + 0x18));
            int entry = verneed;
            while (true)
            {
                // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
                int auxCount = BitConverter.ToUInt16(elf, entry + 2);
                int aux = entry + (int)BitConverter.ToUInt32(elf, entry + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
                    int name = strings + (int)BitConverter.ToUInt32(elf, aux + 8);
                    if (ReadCString(elf, name) == versionName) return aux + 4;
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                uint next = BitConverter.ToUInt32(elf, entry + 12);
                if (next == 0) break;
                entry += (int)next;
            }
        }
        return -1;
    }

    private static string ReadCString(byte[] bytes, int offset)
    {
        int end = Array.IndexOf(bytes, (byte)0, offset);
        if (end < 0) throw new InvalidDataException($"unterminated string at offset {offset}.");
        return Encoding.ASCII.GetString(bytes, offset, end - offset);
    }
}
