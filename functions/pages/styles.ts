// The pages' one small style sheet, inlined in every page (the CSP allows inline styles and nothing
// else inline): readable on a phone, visible focus, errors marked by more than colour.
export const APP_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff;overflow-wrap:break-word}
a{color:#0b4f9c}
a:hover{color:#06325f}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px;box-shadow:0 0 0 6px #ffd54f}
.skip{position:absolute;left:-999px;top:0;background:#ffd54f;color:#1b1b1b;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.site-header{background:#06325f;color:#fff;padding:.75rem 1rem}
.site-header a{color:#fff}
form.sign-out{display:inline;margin:0}
.site-header form.sign-out button{background:none;border:0;color:#fff;text-decoration:underline;font-weight:400;padding:0;margin:0}
.site-header .inner,.site-main,.site-footer{max-width:60rem;margin:0 auto}
.site-header .inner{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;justify-content:space-between}
.site-name{font-weight:700;text-decoration:none;font-size:1.1rem}
.site-header nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav.contents ul{list-style:none;margin:0 0 1rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.who{font-size:.95rem}
.site-main{padding:1rem}
.site-main:focus{outline:none}
.site-footer{padding:1rem;border-top:1px solid #ccc;color:#444;font-size:.9rem}
h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.35rem;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
.lead{font-size:1.1rem}
.muted,.hint{color:#4a4a4a}
.hint{display:block;font-size:.95rem;margin:0 0 .25rem}
fieldset{border:1px solid #b8b8b8;border-radius:4px;margin:0 0 1.25rem;padding:.75rem 1rem 1rem;min-width:0}
legend{font-weight:700;padding:0 .25rem}
.field{margin:0 0 1rem}
label,.label{display:block;font-weight:600;margin:0 0 .25rem}
input[type=text],input[type=email],input[type=date],input[type=time],input[type=number],input:not([type]),select,textarea{display:block;width:100%;max-width:40rem;font:inherit;padding:.5rem;border:2px solid #555;border-radius:3px;background:#fff;color:inherit}
input.short,select.short{max-width:14rem}
input.medium{max-width:24rem}
textarea{min-height:6rem;resize:vertical}
textarea[readonly]{min-height:0;background:#f3f3f3}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.35rem 0}
.choice input{width:1.35rem;height:1.35rem;margin:.1rem 0 0;flex:none}
.choice label{font-weight:400;margin:0}
.choice .hint{margin:0}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:0 1rem}
.grid .field{margin-bottom:.75rem}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.6rem 1.1rem;border:2px solid #06325f;border-radius:4px;background:#0b4f9c;color:#fff;cursor:pointer;text-decoration:none;margin:.25rem .5rem .25rem 0}
button.secondary,.button.secondary{background:#fff;color:#06325f}
button.danger{background:#a4161a;border-color:#6e0f11}
button:hover{filter:brightness(1.1)}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:1rem 0}
.error-summary{border:4px solid #a4161a;padding:1rem 1.25rem;margin:0 0 1.5rem;background:#fff5f5}
.error-summary:focus{outline:3px solid #1b1b1b}
.error-summary h2{margin-top:0;font-size:1.25rem}
.error-summary ul{margin:0;padding-left:1.25rem}
.error-summary a{color:#a4161a;font-weight:600}
.error-message{display:block;color:#a4161a;font-weight:700;margin:0 0 .25rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.field-error{border-left:4px solid #a4161a;padding-left:.75rem}
[aria-invalid=true]{border-color:#a4161a}
.notice{border-left:6px solid #0b4f9c;background:#eef4fb;padding:.75rem 1rem;margin:0 0 1.25rem}
.notice.success{border-color:#1e6b34;background:#edf7ef}
.notice.warning{border-color:#8a5a00;background:#fff8e6}
.status{display:inline-block;font-weight:700;padding:.15rem .6rem;border-radius:1rem;background:#eef4fb;border:1px solid #0b4f9c}
.table-wrap{overflow-x:auto;margin:0 0 1.25rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{border-bottom:1px solid #ccc;padding:.4rem .5rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}
tfoot td,tfoot th{font-weight:700;border-top:2px solid #555}
dl.facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem;margin:0 0 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.case{border:1px solid #b8b8b8;border-radius:4px;padding:1rem;margin:0 0 2rem}
.case h2{margin-top:0}
details.project-texts{margin:0 0 1rem}
details.add-meeting{margin:0 0 2rem}
details.earlier-report{margin:0 0 1.5rem}
details.project-texts>summary,details.add-meeting>summary,details.cancel-meeting>summary,details.earlier-report>summary{cursor:pointer;font-weight:600;color:#0b5394}
details.cancel-meeting{margin:.25rem 0 0;font-size:.9rem}
form.inline{display:inline;margin:0 0 0 .5rem}
button.small{padding:.1rem .5rem;font-size:.9rem}
.tag{display:inline-block;padding:0 .35rem;border:1px solid #6f777b;border-radius:3px;font-size:.85rem;color:#3d3d3d}
nav.status-filter ul{list-style:none;margin:0 0 .75rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
nav.status-filter p{margin:.5rem 0 .25rem}
nav.period-links ul{list-style:none;margin:.75rem 0 1.25rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem}
.decision-forms{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.decision-forms form{border:1px solid #ddd;border-radius:4px;padding:.75rem}
.decision-forms h4{margin:0 0 .5rem;font-size:1.05rem}
.met{font-weight:700;color:#1e6b34}
.not-met{color:#4a4a4a}
.long-text{white-space:pre-wrap}
ul.plain{list-style:none;margin:0;padding:0}
/* Agendas and minutes go on paper to the committee: no navigation, forms or buttons, cases whole. */
@media print{
  .skip,.site-header,.site-footer,form,.decision-forms,button{display:none!important}
  .site-main{padding:0}
  .case{border-color:#000;break-inside:avoid}
  a{color:#000;text-decoration:none}
}
@media (max-width:40rem){
  h1{font-size:1.45rem}
  .site-main{padding:.75rem}
  dl.facts{grid-template-columns:1fr}
  dl.facts dd{margin-bottom:.5rem}
  button,.button{width:100%}
  form.inline{display:block;margin:.25rem 0 0}
}
`;
