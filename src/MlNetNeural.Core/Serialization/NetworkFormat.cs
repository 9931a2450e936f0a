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

    public static ulong Fnv1a(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in bytes) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}
