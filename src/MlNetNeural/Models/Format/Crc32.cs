namespace MlNetNeural.Models.Format;

/// <summary>The CRC-32 of the zip format (ISO 3309 / ITU-T V.42, polynomial 0x04C11DB7 in reflected form 0xEDB88320), computed a byte at a time from a table.</summary>
internal static class Crc32
{
    /// <summary>The value to start from.</summary>
    public const uint Initial = 0xFFFF_FFFF;

    private static readonly uint[] Table = CreateTable();

    /// <summary>Continues <paramref name="crc"/> over <paramref name="bytes"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    /// <summary>The checksum of everything appended since <see cref="Initial"/>.</summary>
    public static uint Finish(uint crc) => ~crc;

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
