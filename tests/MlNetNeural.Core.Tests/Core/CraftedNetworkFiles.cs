using System.Buffers.Binary;
using MlNetNeural.Core.Serialization;

namespace MlNetNeural.Tests.Core;

/// <summary>Network files changed on purpose, with a valid checksum, so that a reader's own checks (not the checksum) must catch them.</summary>
internal static class CraftedNetworkFiles
{
    /// <summary>A copy of <paramref name="bytes"/> with <paramref name="change"/> applied and the trailing FNV-1a checksum recomputed.</summary>
    public static byte[] Rehash(byte[] bytes, Action<byte[]> change)
    {
        byte[] copy = (byte[])bytes.Clone();
        change(copy);
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(copy.Length - 8), NetworkFormat.Fnv1a(copy.AsSpan(0, copy.Length - 8)));
        return copy;
    }
}
