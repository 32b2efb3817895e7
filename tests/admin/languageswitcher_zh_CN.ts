<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- tst_languageswitcher's stand-in for a translator's updated im-admin_zh_CN.qm. -->
<TS version="2.1" language="zh_CN">
<context>
    <name>Im::Admin::MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>概览（更新版）</translation>
    </message>
</context>
</TS>
