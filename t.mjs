import { Document, Packer, Paragraph, Table, TableRow, TableCell, TextRun } from "docx";
import ExcelJS from "exceljs";
import * as echarts from "echarts";
const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun("你好")] }), new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph("a")], columnSpan: 2 })] })] })] }] });
const buf = await Packer.toBuffer(doc); console.log("docx", buf.length);
const wb = new ExcelJS.Workbook(); wb.addWorksheet("x").getCell("A1").value = 1; console.log("xlsx", (await wb.xlsx.writeBuffer()).byteLength);
const c = echarts.init(null, null, { renderer: "svg", ssr: true, width: 400, height: 300 });
c.setOption({ xAxis: { data: ["a"] }, yAxis: {}, series: [{ type: "bar", data: [1] }] }); console.log("svg", c.renderToSVGString().length);
