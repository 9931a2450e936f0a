using System.Text;
using MlNetNeural.Core.IO;

namespace MlNetNeural.Cli.Output;

/// <summary>Text files written all-or-nothing (UTF-8 without a byte-order mark), creating the folder when needed.</summary>
internal static class TextFiles
{
    public static void Write(string path, Action<TextWriter> write) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        write(writer);
    }, createDirectory: true);
}
