using System.Security.Cryptography;
using System.Text;

namespace MlNetNeural.Models.Format;

/// <summary>
/// A payload made of tagged, length-prefixed sections under one SHA-256 (the layout of MLP payload version 2). Layout,
/// little-endian: a kind byte; then per section a uint16 code, a flags byte and an int32 length, followed by that many
/// bytes; then the SHA-256 of every byte before it. A reader that meets a code it does not know skips the section when its
/// flags mark it ancillary, and refuses the file (asking for a newer MlNetNeural) when they mark it critical, as PNG does
/// with its chunks (ISO/IEC 15948, section 5.4): information a reader could ignore without changing a prediction is
/// ancillary, anything that changes predictions or labels is critical. Codes are never reused or renumbered.
/// </summary>
internal static class SectionedPayload
{
    /// <summary>Flags bit 0: a reader that does not know the section must refuse the file.</summary>
    public const byte CriticalFlag = 1;

    /// <summary>Bytes of the SHA-256 at the end.</summary>
    public const int HashLength = 32;

    /// <summary>Bytes of a section header: code, flags, length.</summary>
    private const int HeaderLength = sizeof(ushort) + 1 + sizeof(int);

    /// <summary>One section to write.</summary>
    /// <param name="Code">The section's code.</param>
    /// <param name="Critical">Whether a reader that does not know the code must refuse the file.</param>
    /// <param name="WriteBody">Writes the body; called twice (once to measure it), so it must write the same bytes each time.</param>
    public readonly record struct Content(ushort Code, bool Critical, Action<BinaryWriter> WriteBody);

    /// <summary>Where a section of a verified payload lies.</summary>
    /// <param name="Code">The section's code.</param>
    /// <param name="Critical">Whether its flags mark it critical.</param>
    /// <param name="Offset">Offset of its body in the payload.</param>
    /// <param name="Length">Bytes of its body.</param>
    public readonly record struct Section(ushort Code, bool Critical, long Offset, int Length);

    /// <summary>Writes the kind byte, the sections and the hash to <paramref name="destination"/>, streaming (no section is held in memory).</summary>
    public static void Write(Stream destination, byte kind, IEnumerable<Content> sections)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var hashing = new PassThroughWriteStream(destination, sha);
        using (var writer = new BinaryWriter(hashing, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(kind);
            foreach (var section in sections)
            {
                long length = PassThroughWriteStream.Measure(section.WriteBody);
                if (length > int.MaxValue) throw new InvalidOperationException($"Section {section.Code} of the model is {length} bytes, more than a model file section holds.");
                writer.Write(section.Code);
                writer.Write(section.Critical ? CriticalFlag : (byte)0);
                writer.Write((int)length);
                writer.Flush();
                long start = hashing.BytesWritten;
                section.WriteBody(writer);
                writer.Flush();
                if (hashing.BytesWritten - start != length)
                    throw new InvalidOperationException($"Section {section.Code} wrote {hashing.BytesWritten - start} bytes after measuring {length}: its writer is not deterministic.");
            }
        }
        destination.Write(sha.GetHashAndReset());
    }

    /// <summary>
    /// Verifies the payload's SHA-256 (before anything is allocated for its contents), then reads its kind byte and section
    /// headers; the bodies are left in place for <see cref="Body"/>.
    /// </summary>
    /// <param name="payload">The whole payload: a seekable stream whose length is the payload's.</param>
    /// <param name="budget">Charged for the section list.</param>
    public static (byte Kind, IReadOnlyList<Section> Sections) Open(Stream payload, ModelLoadBudget budget)
    {
        long end = payload.Length - HashLength;
        if (end < 1) throw ModelFileErrors.Truncated("model payload");
        VerifyHash(payload, end);
        payload.Position = 0;
        var reader = new PayloadReader(new StreamWindow(payload, 0, end), budget);
        byte kind = reader.ReadByte("model kind");
        var sections = new List<Section>();
        while (reader.Remaining > 0)
        {
            budget.Charge(HeaderLength * 4, "section list");
            ushort code = reader.ReadUInt16("section code");
            byte flags = reader.ReadByte($"flags of section {code}");
            int length = reader.ReadInt32($"length of section {code}");
            if (flags > CriticalFlag) throw ModelFileErrors.Newer($"section {code} carries flags {flags}, which this version does not define");
            if (length < 0 || length > reader.Remaining)
                throw ModelFileErrors.Corrupt($"section {code} is declared as {length} bytes, but only {reader.Remaining} remain");
            long offset = reader.Stream.Position;
            sections.Add(new Section(code, flags == CriticalFlag, offset, length));
            reader.Stream.Position = offset + length;
        }
        return (kind, sections);
    }

    /// <summary>A reader over the body of <paramref name="section"/> that cannot read past it.</summary>
    public static PayloadReader Body(Stream payload, Section section, ModelLoadBudget budget) =>
        new(new StreamWindow(payload, section.Offset, section.Length), budget);

    private static void VerifyHash(Stream payload, long end)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        payload.Position = 0;
        byte[] buffer = new byte[(int)Math.Min(end, 1 << 16)];
        for (long left = end; left > 0;)
        {
            int chunk = (int)Math.Min(left, buffer.Length);
            payload.ReadExactly(buffer, 0, chunk);
            sha.AppendData(buffer, 0, chunk);
            left -= chunk;
        }
        Span<byte> stored = stackalloc byte[HashLength];
        payload.ReadExactly(stored);
        if (!CryptographicOperations.FixedTimeEquals(sha.GetHashAndReset(), stored))
            throw ModelFileErrors.Corrupt("its SHA-256 does not match its contents, so some of it changed after it was saved");
    }
}
