namespace MlNetNeural.Tabular;

/// <summary>
/// CRC-32 as gzip (RFC 1952), zip and PNG compute it (polynomial 0xEDB88320, reflected, inverted before and after), with the
/// usual 256-entry table. Small on purpose: the repository references no hashing package.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    /// <summary>The CRC-32 of some bytes followed by <paramref name="bytes"/>, given <paramref name="crc"/>, the CRC-32 of the first (0 for none).</summary>
    /// <param name="crc">The CRC-32 of the bytes before; 0 at the start.</param>
    /// <param name="bytes">The bytes that follow.</param>
    public static uint Append(uint crc, ReadOnlySpan<byte> bytes)
    {
        crc = ~crc;
        foreach (byte b in bytes) crc = Table[(byte)(crc ^ b)] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < table.Length; n++)
        {
            uint c = n;
            for (int bit = 0; bit < 8; bit++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
