using System.Text;
using MlNetNeural.Core.IO;

namespace MlNetNeural.Reports.Writing;

/// <summary>Writes report files atomically (<see cref="AtomicFile"/>), creating their directory: readers never see half a report.</summary>
internal static class ReportFiles
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(false);

    public static void WriteText(string path, string text) => WriteBytes(path, Utf8WithoutBom.GetBytes(text));

    public static void WriteBytes(string path, byte[] bytes) => AtomicFile.Write(path, stream => stream.Write(bytes), createDirectory: true);
}
