using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Calibration.Panel;

/// <summary>
/// Writes panel rows in the layout <see cref="PanelCsvReader"/> reads by default:
/// <c>customer_id,month,date_of_birth,product,balance,net_revenue,closed</c> (with <c>age</c> in place of
/// <c>date_of_birth</c> when the rows carry ages, and an eighth column <c>acquisition_cost</c> on request).
/// </summary>
/// <remarks>
/// <para>Months as <c>yyyy-MM</c>, dates as <c>yyyy-MM-dd</c>, numbers in the invariant culture with round-trip precision,
/// the closed marker as 1 or 0. Fields holding the separator, a quote or surrounding blanks are quoted (RFC 4180).</para>
/// <para>Thread safety: stateless.</para>
/// </remarks>
public static class PanelCsvWriter
{
    /// <summary>Writes a header and one line per row.</summary>
    /// <param name="rows">The rows; all with dates of birth, or all with ages only.</param>
    /// <param name="writer">The destination; not disposed.</param>
    /// <param name="withAcquisitionCost">Whether to write the <c>acquisition_cost</c> column.</param>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Some rows carry a date of birth and others only an age.</exception>
    public static long Write(IEnumerable<PanelRow> rows, TextWriter writer, bool withAcquisitionCost = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writer);
        long n = 0;
        bool? birthDates = null;
        foreach (var row in rows)
        {
            var hasBirth = row.DateOfBirth is not null;
            if (birthDates is null)
            {
                birthDates = hasBirth;
                writer.Write("customer_id,month,");
                writer.Write(hasBirth ? "date_of_birth" : "age");
                writer.Write(",product,balance,net_revenue,closed");
                writer.Write(withAcquisitionCost ? ",acquisition_cost\n" : "\n");
            }
            else if (birthDates != hasBirth)
            {
                throw new ArgumentException(FormattableString.Invariant(
                    $"rows[{n}] ({row.CustomerId}) {(hasBirth ? "has a date of birth" : "has only an age")} but the first row {(hasBirth ? "has only an age" : "has a date of birth")}: write one kind."), nameof(rows));
            }

            WriteField(writer, row.CustomerId);
            writer.Write(',');
            writer.Write(row.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(hasBirth ? row.DateOfBirth!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : row.AgeYears!.Value.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            WriteField(writer, row.Product);
            writer.Write(',');
            if (row.Balance is { } balance)
            {
                writer.Write(balance.ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write(',');
            writer.Write(row.NetRevenue.ToString("R", CultureInfo.InvariantCulture));
            writer.Write(row.Closed ? ",1" : ",0");
            if (withAcquisitionCost)
            {
                writer.Write(',');
                if (row.AcquisitionCost is { } cost)
                {
                    writer.Write(cost.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            writer.Write('\n');
            n++;
        }

        if (birthDates is null)
        {
            writer.Write(withAcquisitionCost
                ? "customer_id,month,date_of_birth,product,balance,net_revenue,closed,acquisition_cost\n"
                : "customer_id,month,date_of_birth,product,balance,net_revenue,closed\n");
        }

        return n;
    }

    /// <summary>Writes the rows to a file (UTF-8, no byte-order mark), replacing it only once every row is written.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="withAcquisitionCost">Whether to write the <c>acquisition_cost</c> column.</param>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is blank, or the rows mix dates of birth and ages.</exception>
    public static long WriteFile(IEnumerable<PanelRow> rows, string path, bool withAcquisitionCost = false)
    {
        Guard.NotBlank(path);
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            long n;
            using (var writer = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(false), bufferSize: 1 << 16))
            {
                n = Write(rows, writer, withAcquisitionCost);
            }

            File.Move(temp, full, overwrite: true);
            return n;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static void WriteField(TextWriter writer, string text)
    {
        if (text.Length > 0 && (text.AsSpan().IndexOfAny(",\"\n\r") >= 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            writer.Write('"');
            writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.Write('"');
        }
        else
        {
            writer.Write(text);
        }
    }
}
