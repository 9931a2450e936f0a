namespace MlNetNeural.Core.Serialization;

/// <summary>
/// Constants of the network file format. Layout (little-endian): magic "MLNN", uint32 version, int32 layer
/// count, then per layer a kind byte and the fields that kind writes (each layer kind documents its own, see
/// <see cref="LayerFormats"/>), then the uint64 FNV-1a hash of every preceding byte.
/// </summary>
internal static class NetworkFormat
{
    public static ReadOnlySpan<byte> Magic => "MLNN"u8;

    /// <summary>The version this code writes. Readers accept every version from 1 up to this one.</summary>
    public const uint CurrentVersion = 1;

    /// <summary>More layers than any real network has; larger counts mean a corrupt file.</summary>
    public const int MaxLayers = 4096;

    /// <summary>FNV-1a's 64-bit offset basis: the hash of no bytes.</summary>
    public const ulong Fnv1aSeed = 14695981039346656037UL;

    /// <summary>The 64-bit FNV-1a hash of <paramref name="bytes"/>.</summary>
    public static ulong Fnv1a(ReadOnlySpan<byte> bytes) => Fnv1a(Fnv1aSeed, bytes);

    /// <summary>Continues the hash <paramref name="hash"/> over <paramref name="bytes"/>.</summary>
    public static ulong Fnv1a(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}
